"""SQLAlchemy Core tables: the schema Alembic migrates. The only place table shapes are defined.

Conventions: every table has an integer surrogate ``id``; records are identified to users by a
unique ``code`` (or ``uscc``, or ``(plan, key)``). Enumerations are stored as their text
value, checked in the domain on the way in. Amounts use :class:`ExactDecimal`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

from bioecon.store.types import BigId, ExactDecimal, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

org_unit = Table(
    "org_unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("name_en", String(200)),
    Column("level", String(20), nullable=False),
    Column("parent_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT")),
    Column("division_code", String(12)),
    Column("additive", Boolean, nullable=False),
    comment="区域/园区 hierarchy; additive=false units (parks) are not summed into parents",
)

responsible_unit = Table(
    "responsible_unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT")),
    comment="责任单位",
)

responsible_unit_alias = Table(
    "responsible_unit_alias",
    metadata,
    Column(
        "responsible_unit_id",
        Integer,
        ForeignKey("responsible_unit.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("alias", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
)

indicator = Table(
    "indicator",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("name_en", String(200)),
    Column("unit", String(20), nullable=False),
    Column("nature", String(10), nullable=False),
    Column("basis", String(20), nullable=False),
    Column("period_type", String(10), nullable=False),
    Column("aggregation", String(10), nullable=False),
    Column("description", Text),
    Column("jan_feb_combined", Boolean, nullable=False, server_default=false()),
    comment="指标",
)

plan = Table(
    "plan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("title", String(500), nullable=False),
    Column("region_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False),
    Column("issuer", String(200)),
    Column("issued_on", Date),
    Column("horizon_start", Integer),
    Column("horizon_end", Integer),
    Column("source_path", String(500)),
    Column("source_text", Text),
    Column("source_sha256", String(64)),
    Column("thresholds", JSON),  # overrides of the progress thresholds (docs/progress.md)
    Column("tiers", JSON),  # the plan's own tier rules (same schema as bioecon/data/tiers.yaml)
    Column("loaded_at", UtcDateTime(), nullable=False),
    comment="规划/行动计划",
)

# What a plan file declares (kept so that export writes back exactly what was loaded).
plan_org_unit = Table(
    "plan_org_unit",
    metadata,
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id"), primary_key=True),
    Column("position", Integer, nullable=False),
)
plan_responsible_unit = Table(
    "plan_responsible_unit",
    metadata,
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True),
    Column("responsible_unit_id", Integer, ForeignKey("responsible_unit.id"), primary_key=True),
    Column("position", Integer, nullable=False),
)
plan_indicator = Table(
    "plan_indicator",
    metadata,
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", Integer, ForeignKey("indicator.id"), primary_key=True),
    Column("position", Integer, nullable=False),
)

target = Table(
    "target",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("metric", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("op", String(10), nullable=False),
    Column("value", ExactDecimal(), nullable=False),
    Column("value_high", ExactDecimal()),
    Column("unit", String(20), nullable=False),
    Column("indicator_id", Integer, ForeignKey("indicator.id", ondelete="RESTRICT")),
    Column("subject", String(300)),
    Column("subject_org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT")),
    Column("subject_sector", String(80)),
    Column("qualifier", String(300)),
    Column("baseline_value", ExactDecimal()),
    Column("baseline_year", Integer),
    Column("deadline_year", Integer),
    Column("nature", String(10)),  # 属性: 预期性 or 约束性, where the plan's table states it
    Column("quote", Text),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("note", Text),
    Column("mapping_method", String(10)),  # rule, fuzzy, manual (how indicator_id was chosen)
    Column("mapping_confidence", ExactDecimal()),  # 0–1
    Column("mapping_reason", Text),
    UniqueConstraint("plan_id", "key"),
    comment="目标, each traced to its sentence by quote/quote_start/quote_end",
)

target_adjustment = Table(
    "target_adjustment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
    Column("target_key", String(40), nullable=False),
    Column("old_value", ExactDecimal(), nullable=False),
    Column("new_value", ExactDecimal(), nullable=False),
    Column("old_value_high", ExactDecimal()),
    Column("new_value_high", ExactDecimal()),
    Column("unit", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("approved_by", String(200), nullable=False),
    Column("approved_on", Date, nullable=False),
    Column("document", String(300)),
    Column("recorded_by", String(80), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    comment="目标动态调整: a target's value before and after, why, approved by whom and when",
)
Index("ix_target_adjustment_plan", target_adjustment.c.plan_id, target_adjustment.c.target_key)

task = Table(
    "task",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("section", String(300)),
    Column("heading", String(500), nullable=False),
    Column("text", Text),
    Column("start", Integer),
    UniqueConstraint("plan_id", "key"),
    comment="重点任务",
)

task_unit = Table(
    "task_unit",
    metadata,
    Column("task_id", Integer, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("responsible_unit_id", Integer, ForeignKey("responsible_unit.id"), primary_key=True),
    Column("role", String(10), nullable=False),
    Column("position", Integer, nullable=False),
)

observation = Table(
    "observation",
    metadata,
    Column("id", BigId, primary_key=True),
    Column("indicator_id", Integer, ForeignKey("indicator.id"), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("sector", String(80), nullable=False, server_default=""),  # '' = all sectors
    Column("period", String(7), nullable=False),  # canonical text: 2025-06, 2025Q2, 2025
    Column("period_type", String(10), nullable=False),
    Column("year", Integer, nullable=False),
    Column("period_index", Integer, nullable=False),  # month 1–12, quarter 1–4, 1 for a year
    Column("basis", String(20), nullable=False),
    Column("value", ExactDecimal(), nullable=False),
    Column("status", String(12), nullable=False),
    Column("source", String(500)),
    Column("reported_by", String(120)),
    Column("reported_at", UtcDateTime(), nullable=False),
    # 首次报送时间: when the value was first submitted (or loaded as submitted or approved);
    # kept through recall, return and reopening, so timeliness counts the first report
    Column("submitted_at", UtcDateTime()),
    UniqueConstraint("indicator_id", "org_unit_id", "sector", "period", "basis"),
    CheckConstraint("period_type IN ('month', 'quarter', 'year')", name="period_type"),
    comment="监测台账: one reported value",
)
Index("ix_observation_indicator_period", observation.c.indicator_id, observation.c.year)
# a unit's report of one period, whatever its sector and basis: the ledger's roll-up stops
# below a parent that reported (store/ledger.py), looked up per climbing row (migration 0019)
Index(
    "ix_observation_unit_period",
    observation.c.indicator_id,
    observation.c.org_unit_id,
    observation.c.period,
)
_PENDING = text("status = 'submitted'")  # the review queue (待审核) without a scan of the ledger
Index(
    "ix_observation_pending",
    observation.c.org_unit_id,
    observation.c.reported_at,
    postgresql_where=_PENDING,
    sqlite_where=_PENDING,
)

enterprise = Table(
    "enterprise",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uscc", String(18), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id")),
    Column("industry_code", String(10)),
    Column("industry_code_edition", String(20), nullable=False),
    Column("business_scope", Text),
    Column("founded_on", Date),
    Column("bio_category", String(10)),  # 战新2018 生物产业 category, e.g. 4.1.1
    Column("bio_basis", String(8)),  # code, scope, both, none
    Column("bio_matched", String(300)),  # the code and/or keywords that decided
    Column("bio_table", String(120)),  # the mapping table (file and sha256) used
    comment="企业, by 统一社会信用代码",
)

enterprise_flag = Table(
    "enterprise_flag",
    metadata,
    Column(
        "enterprise_id", Integer, ForeignKey("enterprise.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("flag", String(40), primary_key=True),
    Column("valid_from", Date),  # None: held since before the registry knew (see loaded_on)
    Column("valid_to", Date),  # None: still held
    Column("loaded_on", Date, nullable=False),  # the day the registry recorded the flag
)

enterprise_year = Table(
    "enterprise_year",
    metadata,
    Column(
        "enterprise_id", Integer, ForeignKey("enterprise.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("year", Integer, primary_key=True),
    Column("revenue", ExactDecimal()),
    Column("output_value", ExactDecimal()),
    Column("rd_spend", ExactDecimal()),
    Column("employees", Integer),
    Column("valuation", ExactDecimal()),
    Column("valuation_unit", String(20)),
    comment="企业年度数据; money in 万元",
)

project = Table(
    "project",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id")),
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="SET NULL")),
    Column("enterprise_id", Integer, ForeignKey("enterprise.id", ondelete="SET NULL")),
    Column("stage", String(20), nullable=False),
    Column("total_investment", ExactDecimal()),  # 亿元
    Column("start_year", Integer),
    Column("end_year", Integer),
    Column("category", String(80)),
    Column("selected_year", Integer),  # 遴选/入库年份: the year it entered the key-project list
    # the ledger's record (项目台账, 0013): planned values kept apart from actuals
    Column("planned_stage", String(20)),  # 计划建设阶段 (this year)
    Column("annual_class", String(20)),  # 新开工/续建/竣工投产/预备 (projects/stages.yaml)
    Column("owner", String(300)),  # 业主单位
    Column("responsible_unit", String(200)),  # 责任单位
    Column("lead_unit", String(200)),  # 牵头单位
    Column("leader", String(100)),  # 联系领导
    Column("task_force", String(200)),  # 服务专班
    Column("industry", String(80)),  # 行业
    Column("location", String(300)),  # 建设地点
    Column("actual_total_investment", ExactDecimal()),  # 实际总投资, 亿元
    Column("planned_start", Date),
    Column("actual_start", Date),
    Column("planned_production", Date),
    Column("actual_production", Date),
    Column("in_statistics", Date),  # 入统
    Column("approval_document", String(300)),  # 立项批复/备案
    Column("environment_document", String(300)),  # 环评批复
    Column("land_document", String(300)),  # 用地手续
    Column("lists", String(200)),  # 列入清单: 市重点、省重大
    Column("origin", String(100)),  # 项目来源
    comment="重点项目 (五个一批)",
)

project_year_plan = Table(
    "project_year_plan",
    metadata,
    Column("project_id", Integer, ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("planned", ExactDecimal(), nullable=False),  # 年度计划投资, 万元
    comment="年度计划投资 of a key project, 万元",
)

project_progress = Table(
    "project_progress",
    metadata,
    Column("project_id", Integer, ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column("period", String(7), primary_key=True),  # YYYY-MM
    Column("completed", ExactDecimal(), nullable=False),  # 本年1–N月累计完成投资, 万元
    Column("image_progress", Text),  # 形象进度
    Column("problems", Text),  # 存在问题
    Column("coordination", Text),  # 需协调事项
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    comment="项目月度调度: year-to-date completed investment of a month, 万元",
)

project_stage_event = Table(
    "project_stage_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False),
    Column("stage", String(20), nullable=False),
    Column("reached_on", Date, nullable=False),
    Column("evidence", String(300)),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    comment="项目阶段变更: every stage a project reached, when, on what evidence, by whom",
)
Index("ix_project_stage_event_project", project_stage_event.c.project_id)

project_selection = Table(
    "project_selection",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False),
    Column("year", Integer, nullable=False),  # 遴选年度
    Column("score", ExactDecimal(), nullable=False),  # 总分
    Column("scores", JSON),  # criterion code → its points (projects/selection.yaml)
    Column("selected", Boolean, nullable=False),  # 入选
    Column("scorer", String(200)),  # 评审单位/评审人
    Column("note", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    UniqueConstraint("project_id", "year"),
    comment="每年遴选: a candidate key project's score in a year's selection, and whether chosen",
)
Index("ix_project_selection_year", project_selection.c.year)

platform = Table(
    "platform",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("type", String(40), nullable=False),  # a registers.yaml platform type code
    Column("level", String(20), nullable=False),  # national, provincial, municipal
    Column("host_id", Integer, ForeignKey("enterprise.id", ondelete="RESTRICT")),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False),
    Column("approved_on", Date, nullable=False),
    Column("document", String(300)),
    Column("status", String(10), nullable=False),
    Column("revoked_on", Date),
    Column("note", Text),
    CheckConstraint("status IN ('active', 'revoked')", name="status"),
    comment="创新平台与载体名录: counted from approved_on until revoked_on",
)

product_approval = Table(
    "product_approval",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(120), nullable=False, unique=True),  # 批准文号/注册证号
    Column("product", String(300), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("product_class", String(40)),
    Column("holder_id", Integer, ForeignKey("enterprise.id", ondelete="RESTRICT"), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False),
    Column("approved_on", Date, nullable=False),
    Column("valid_until", Date),
    Column("note", Text),
    comment="产品注册与批文名录: counted from approved_on until valid_until",
)

# --- accounts and audit -------------------------------------------------------------------

user_account = Table(
    "user_account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("display_name", String(120)),
    Column("role", String(20), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT")),
    Column("responsible_unit_id", Integer, ForeignKey("responsible_unit.id", ondelete="RESTRICT")),
    Column("password_hash", String(200), nullable=False),  # argon2id, with its parameters
    Column("active", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),  # consecutive, reset by a good login
    Column("locked_until", UtcDateTime()),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=False),
    CheckConstraint(
        "role IN ('admin', 'plan_office', 'reporter', 'reviewer', 'department', 'viewer')",
        name="role",
    ),
    comment="用户: a login, its role and its scope (an org-unit subtree or a responsible unit)",
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 hex of the token
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
    Column("last_used_at", UtcDateTime()),
    UniqueConstraint("user_id", "name"),
    comment="个人 API 令牌: only the token's hash is kept",
)

web_session = Table(
    "web_session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 hex of the cookie
    Column("user_id", Integer, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("origin", String(120), nullable=False),  # web:<client address> at login
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),  # idle expiry counts from it
    comment="登录会话: only the session cookie's hash is kept",
)

server_secret = Table(
    "server_secret",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    comment="signing secrets shared by every worker of one database (the CSRF cookie's)",
)

audit_event = Table(
    "audit_event",
    metadata,
    Column("id", BigId, primary_key=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(64), nullable=False),  # the login (the CLI: its local admin)
    Column("origin", String(120), nullable=False),  # cli:<host user> or web:<client address>
    Column("entity", String(30), nullable=False),  # observation, enterprise, plan, user …
    Column("record_key", String(300), nullable=False),  # the record as users name it
    Column("action", String(20), nullable=False),  # create, update, delete, approve …
    Column("old_value", JSON),
    Column("new_value", JSON),
    Column("reason", Text),
    comment="操作留痕: append-only history of every change (triggers refuse UPDATE/DELETE)",
)
Index("ix_audit_event_record", audit_event.c.entity, audit_event.c.record_key)
RETURNED = text("action IN ('reject', 'reopen')")  # the notes a reporter gets back
Index(
    "ix_audit_event_returned",
    audit_event.c.entity,
    audit_event.c.record_key,
    postgresql_where=RETURNED,
    sqlite_where=RETURNED,
)
_LOGIN_FAILED = text("action = 'login_failed'")  # failed logins per address (rate limiting)
Index(
    "ix_audit_event_login_failed",
    audit_event.c.origin,
    audit_event.c.at,
    postgresql_where=_LOGIN_FAILED,
    sqlite_where=_LOGIN_FAILED,
)

# --- data sets (填报任务) -------------------------------------------------------------------

data_set = Table(
    "data_set",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("period_type", String(10), nullable=False),
    Column("first_period", String(7), nullable=False),
    Column("jan_feb_combined", Boolean, nullable=False),
    Column("due_day", Integer, nullable=False),
    Column("due_months_after", Integer, nullable=False),
    Column("lock_after_days", Integer),
    CheckConstraint("period_type IN ('month', 'quarter', 'year')", name="period_type"),
    comment="填报任务: indicators × period type × assigned org units, with a due rule",
)

data_set_indicator = Table(
    "data_set_indicator",
    metadata,
    Column("data_set_id", Integer, ForeignKey("data_set.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "indicator_id", Integer, ForeignKey("indicator.id", ondelete="RESTRICT"), primary_key=True
    ),
    Column("position", Integer, nullable=False),
)

data_set_org_unit = Table(
    "data_set_org_unit",
    metadata,
    Column("data_set_id", Integer, ForeignKey("data_set.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), primary_key=True
    ),
)

# --- published reports (发布的报告: vintages) ------------------------------------------------

published_report = Table(
    "published_report",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # monthly (统计监测月报) …
    Column("plan_code", String(80), nullable=False),  # by code: the record outlives the plan
    Column("period", String(7), nullable=False),
    Column("built_at", UtcDateTime(), nullable=False),
    Column("built_by", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),  # sha256 of content and values
    Column("content", JSON, nullable=False),  # the bulletin's record, re-rendered unchanged
    comment="发布的报告: what a published bulletin said and the data version it used",
)
Index("ix_published_report_plan", published_report.c.plan_code, published_report.c.kind)

published_report_value = Table(
    "published_report_value",
    metadata,
    Column(
        "report_id",
        Integer,
        ForeignKey("published_report.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("indicator", String(80), primary_key=True),
    Column("org_unit", String(40), primary_key=True),
    Column("sector", String(80), primary_key=True),  # '' = all sectors
    Column("period", String(7), primary_key=True),
    Column("basis", String(20), primary_key=True),
    Column("value", ExactDecimal(), nullable=False),
    Column("status", String(12), nullable=False),
    comment="the (value key, value, status) rows a published report used",
)

# --- tasks broken down, their progress and 督办 (issue #15, migration 0018) ------------------

work_item = Table(
    "work_item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),  # 任务编号
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
    Column("task_id", Integer, ForeignKey("task.id", ondelete="SET NULL")),  # the plan's 重点任务
    Column("parent_id", Integer, ForeignKey("work_item.id", ondelete="CASCADE")),
    Column("kind", String(20), nullable=False),  # work_point (年度工作要点), sub_task (分解任务)
    Column("year", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("leader", String(100)),  # 责任领导
    Column("deadline", String(7)),  # 完成时限: a year, quarter or month (2026, 2026Q3, 2026-09)
    Column("deliverable", String(300)),  # 成果形式
    Column("targets", JSON, nullable=False),  # the plan's target keys it serves
    Column("projects", JSON, nullable=False),  # the key projects (codes) it carries
    Column("position", Integer, nullable=False),
    comment="任务分解: annual work points of a plan's tasks and each unit's sub-tasks",
)
Index("ix_work_item_plan", work_item.c.plan_id)

work_item_unit = Table(
    "work_item_unit",
    metadata,
    Column("item_id", Integer, ForeignKey("work_item.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "responsible_unit_id",
        Integer,
        ForeignKey("responsible_unit.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
    Column("role", String(10), nullable=False),  # lead (牵头), co (配合)
    Column("position", Integer, nullable=False),
)

work_report = Table(
    "work_report",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("work_item.id", ondelete="CASCADE"), nullable=False),
    Column("period", String(7), nullable=False),  # the reporting period (cadence) it covers
    Column("text", Text, nullable=False),  # 进展情况
    Column("percent", ExactDecimal()),  # 完成进度 0–100
    Column("milestone", String(300)),  # 节点目标 reached
    Column("reported_by", String(64), nullable=False),
    Column("reported_at", UtcDateTime(), nullable=False),
    UniqueConstraint("item_id", "period"),
    comment="任务进展填报: a department's report of one period",
)

work_evidence = Table(
    "work_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    # its parent: a task's progress report, or a key project's progress entry (project, month)
    Column("report_id", Integer, ForeignKey("work_report.id", ondelete="CASCADE")),
    Column("project_id", Integer),
    Column("period", String(7)),
    Column("filename", String(200), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("uploaded_at", UtcDateTime(), nullable=False),
    ForeignKeyConstraint(
        ["project_id", "period"],
        ["project_progress.project_id", "project_progress.period"],
        ondelete="CASCADE",
    ),
    CheckConstraint(
        "(report_id IS NOT NULL AND project_id IS NULL AND period IS NULL)"
        " OR (report_id IS NULL AND project_id IS NOT NULL AND period IS NOT NULL)",
        name="one_parent",
    ),
    comment="佐证材料: an attachment of a task's progress report or a project's monthly progress",
)
Index("ix_work_evidence_report", work_evidence.c.report_id)
Index("ix_work_evidence_progress", work_evidence.c.project_id, work_evidence.c.period)

notice = Table(
    "notice",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),  # DB-2026-0001
    Column("kind", String(20), nullable=False),  # prompt (提示单), supervision (督办单), contact
    Column("subject", String(10), nullable=False),  # task (a work item) or project
    Column("subject_code", String(80), nullable=False),
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT")),  # the office's
    Column(
        "responsible_unit_id",
        Integer,
        ForeignKey("responsible_unit.id", ondelete="RESTRICT"),
        nullable=False,
    ),
    Column("reason", Text, nullable=False),
    Column("reply_due", Date, nullable=False),
    Column("state", String(12), nullable=False),  # open, replied, closed, escalated
    Column("escalated_from", String(40)),  # the notice this one escalates
    Column("raised_by", String(64), nullable=False),
    Column("raised_at", UtcDateTime(), nullable=False),
    comment="督办: a notice to a responsible unit about a lagging task or project",
)
Index("ix_notice_unit", notice.c.responsible_unit_id, notice.c.state)

notice_step = Table(
    "notice_step",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notice_id", Integer, ForeignKey("notice.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(12), nullable=False),  # raise, reply, close, escalate
    Column("text", Text),  # the reason, the measures replied, the closing note
    Column("actor", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    comment="督办流程: each step of a notice, who and when",
)
Index("ix_notice_step_notice", notice_step.c.notice_id)

plan_body = Table(
    "plan_body",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),  # tianmen-2025-B01
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),  # leading_group, office, coordination_group …
    Column("name", String(300), nullable=False),
    Column("parent_id", Integer, ForeignKey("plan_body.id", ondelete="CASCADE")),
    Column("quote_start", Integer),  # where the plan's text names it
    Column("position", Integer, nullable=False),
    comment="议事协调机构: 领导小组, its 办公室, 专题协调组, 工作专班, 专家委员会 a plan names",
)

plan_body_member = Table(
    "plan_body_member",
    metadata,
    Column("body_id", Integer, ForeignKey("plan_body.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("role", String(20), nullable=False),  # leader, deputy, member, member_unit, host_unit
    Column("name", String(200), nullable=False),  # a person (曾令慧), a post or a unit
    Column("title", String(300)),  # 职务: 市委常委、市委统战部部长 …
    Column(
        "responsible_unit_id", Integer, ForeignKey("responsible_unit.id", ondelete="SET NULL")
    ),  # a member unit resolved against the responsible-unit table
    comment="机构成员: 组长、副组长、成员 and 成员单位 of a body",
)

# --- policy clauses and their payout (政策条款库与政策兑现, issue #21) ----------------------

policy_clause = Table(
    "policy_clause",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("issuer", String(200), nullable=False),  # 发文单位
    Column("document", String(300), nullable=False),  # 文件名称及文号
    Column("article", String(100)),  # 条款 (第三条 …)
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),  # None: until revoked
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False),
    Column("plan_id", Integer, ForeignKey("plan.id", ondelete="SET NULL")),
    Column(
        "eligibility", JSON, nullable=False
    ),  # {combine, conditions: [{field, comparison, value}]}
    Column("formula", JSON, nullable=False),  # {kind, base, rate, cap, amount, key, table}
    Column("year_cap", ExactDecimal()),  # 万元 per enterprise per year under the clause
    Column("exclusive_group", String(80)),  # 同一事项不重复享受: one live application per group
    comment="政策条款: conditions and award formula as data, never evaluated text",
)

policy_clause_target = Table(
    "policy_clause_target",
    metadata,
    Column(
        "clause_id", Integer, ForeignKey("policy_clause.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("target_id", Integer, ForeignKey("target.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(10), primary_key=True),  # rule (the policy_rule row) or serves
    CheckConstraint("role IN ('rule', 'serves')", name="role"),
    comment="the plan targets a clause carries out (policy_rule) and serves",
)

policy_application = Table(
    "policy_application",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "clause_id", Integer, ForeignKey("policy_clause.id", ondelete="RESTRICT"), nullable=False
    ),
    Column(
        "enterprise_id", Integer, ForeignKey("enterprise.id", ondelete="RESTRICT"), nullable=False
    ),
    Column("year", Integer, nullable=False),  # the year of the registry data the award uses
    Column("status", String(12), nullable=False),
    Column("computed", ExactDecimal()),  # 万元, what the formula gave (None: a fact missing)
    Column("award", ExactDecimal()),  # 万元, granted (changed from computed only with reason)
    Column("reason", Text),  # why the award differs from the computed one
    Column("facts", JSON, nullable=False),  # the data the formula and conditions used
    Column("project_id", Integer, ForeignKey("project.id", ondelete="SET NULL")),
    Column("platform_id", Integer, ForeignKey("platform.id", ondelete="SET NULL")),
    Column("paid_on", Date),
    Column("voucher", String(100)),  # 兑付凭证号
    UniqueConstraint("clause_id", "enterprise_id", "year"),
    CheckConstraint(
        "status IN ('submitted', 'approved', 'rejected', 'publicized', 'paid')", name="status"
    ),
    comment="政策兑现申请: 申报 → 审核 → 公示 → 兑付, each step an audit event",
)
Index("ix_policy_application_enterprise", policy_application.c.enterprise_id)

policy_fund = Table(
    "policy_fund",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("manager", String(300), nullable=False),  # 基金管理人
    Column("org_unit_id", Integer, ForeignKey("org_unit.id", ondelete="RESTRICT"), nullable=False),
    Column("established_on", Date, nullable=False),
    Column("size", ExactDecimal(), nullable=False),  # 基金规模, 万元
    Column("committed", ExactDecimal(), nullable=False),  # 已认缴, 万元
    Column("paid_in", ExactDecimal(), nullable=False),  # 已实缴, 万元
    Column("reinvest_required", ExactDecimal()),  # 返投: a multiple of paid-in capital
    comment="引导基金: size, committed and paid-in capital, 返投 requirement",
)

policy_fund_investment = Table(
    "policy_fund_investment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fund_id", Integer, ForeignKey("policy_fund.id", ondelete="CASCADE"), nullable=False),
    Column(
        "enterprise_id", Integer, ForeignKey("enterprise.id", ondelete="RESTRICT"), nullable=False
    ),
    Column("project_id", Integer, ForeignKey("project.id", ondelete="SET NULL")),
    Column("invested_on", Date, nullable=False),
    Column("amount", ExactDecimal(), nullable=False),  # 万元
    Column("exited_on", Date),
    Column("exit_amount", ExactDecimal()),  # 万元 returned
    Column("local", Boolean, nullable=False),  # the enterprise in the fund's region: 返投
    UniqueConstraint("fund_id", "enterprise_id", "invested_on"),
    comment="引导基金投资: by enterprise (and project), with its exit",
)

# --- 考核 (issue #16, migration 0023): schemes the pages show, results frozen when published --

assessment_scheme = Table(
    "assessment_scheme",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("year", Integer, nullable=False),
    Column("content", JSON, nullable=False),  # the scheme (bioecon/store/assessments.py)
    Column("source", String(300), nullable=False),  # the file it was loaded from
    Column("loaded_by", String(64), nullable=False),
    Column("loaded_at", UtcDateTime(), nullable=False),
    comment="考核方案: a scheme as the plan office's file set it, scored by the assessment page",
)

assessment_publication = Table(
    "assessment_publication",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scheme_code", String(80), nullable=False),  # by code: the record outlives the scheme
    Column("year", Integer, nullable=False),
    Column("version", Integer, nullable=False),  # 1, 2, … : a second publication is a new one
    Column("as_of", String(7), nullable=False),  # the month scored
    Column("data_version", BigInteger, nullable=False),  # bioecon/store/data_version.py
    Column("published_by", String(64), nullable=False),
    Column("published_at", UtcDateTime(), nullable=False),
    Column("content", JSON, nullable=False),  # the scheme and every unit's result and working
    UniqueConstraint("scheme_code", "year", "version"),
    comment="发布的考核结果: a run's results frozen with the data version they used",
)
