"""UI strings: Chinese first, English available (?lang=en)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app": {"zh": "生物经济规划实施监测平台", "en": "Bio-economy plan monitoring"},
    "simulated": {
        "zh": "模拟数据：本演示中的监测数值为模拟生成，仅供演示",
        "en": "Simulated data (模拟数据): the monitoring figures in this demo are generated",
    },
    "home": {"zh": "首页", "en": "Home"},
    "compare": {"zh": "城市对比", "en": "Compare"},
    "enterprises": {"zh": "企业名录", "en": "Enterprises"},
    "plans": {"zh": "规划", "en": "Plans"},
    "region": {"zh": "地区", "en": "Region"},
    "horizon": {"zh": "规划期", "en": "Horizon"},
    "targets": {"zh": "目标", "en": "Targets"},
    "tasks": {"zh": "重点任务", "en": "Tasks"},
    "last_data": {"zh": "最新数据", "en": "Latest data"},
    "as_of": {"zh": "评估期", "en": "As of"},
    "metric": {"zh": "指标", "en": "Metric"},
    "subject": {"zh": "主体", "en": "Subject"},
    "deadline": {"zh": "目标年", "en": "Deadline"},
    "target": {"zh": "目标值", "en": "Target"},
    "actual": {"zh": "实际值", "en": "Actual"},
    "completion": {"zh": "完成率", "en": "Completion"},
    "time_progress": {"zh": "时序进度", "en": "Time progress"},
    "status": {"zh": "状态", "en": "Status"},
    "explanation": {"zh": "说明", "en": "Explanation"},
    "source": {"zh": "原文", "en": "Source"},
    "heading": {"zh": "任务", "en": "Task"},
    "units": {"zh": "责任单位", "en": "Responsible units"},
    "period": {"zh": "期间", "en": "Period"},
    "value": {"zh": "当期值", "en": "Period value"},
    "ytd": {"zh": "累计值", "en": "Year to date"},
    "yoy": {"zh": "同比%", "en": "YoY %"},
    "ytd_yoy": {"zh": "累计同比%", "en": "YTD YoY %"},
    "drill": {"zh": "下级区域", "en": "Sub-units"},
    "quality": {"zh": "数据质量", "en": "Data quality"},
    "required_cagr": {"zh": "需年均增长%", "en": "Required CAGR %"},
    "name": {"zh": "名称", "en": "Name"},
    "category": {"zh": "生物产业类别", "en": "Bio-economy category"},
    "revenue": {"zh": "营业收入(万元)", "en": "Revenue (10k yuan)"},
    "tiers": {"zh": "企业梯次", "en": "Tiers"},
    "count": {"zh": "数量", "en": "Count"},
    "search": {"zh": "检索", "en": "Search"},
    "plan_text": {"zh": "规划原文", "en": "Plan text"},
    "corrected": {"zh": "人工校正", "en": "Reviewed correction"},
    "published": {"zh": "已公布数据（非模拟）", "en": "Published figures (not simulated)"},
    "tier_targets": {"zh": "梯次目标完成情况", "en": "Tier targets"},
    "projects": {"zh": "重点项目库（五个一批）", "en": "Key projects"},
    "flag": {"zh": "资质标识", "en": "Designation"},
    "tier_year": {"zh": "梯次按 %s 年数据判定", "en": "tiers judged on the %s figures"},
    "found_count": {"zh": "共 %s 家，第 %s / %s 页", "en": "%s enterprises, page %s of %s"},
    "previous": {"zh": "上一页", "en": "Previous"},
    "next": {"zh": "下一页", "en": "Next"},
    "back_home": {"zh": "返回首页", "en": "Back to the home page"},
    "error_400": {"zh": "请求有误", "en": "Bad request"},
    "error_404": {"zh": "未找到", "en": "Not found"},
    "error_409": {"zh": "数据冲突", "en": "Conflict"},
    "error_422": {"zh": "参数有误", "en": "Invalid input"},
    "error_500": {"zh": "服务器错误", "en": "Server error"},
    "error_503": {"zh": "数据库未就绪", "en": "Database not ready"},
}

STATUS_CLASS = {
    "达标": "met",
    "正常": "normal",
    "滞后": "lagging",
    "严重滞后": "risk",
    "数据不足": "nodata",
}


def translator(lang: str) -> dict[str, str]:
    return {key: values.get(lang, values["zh"]) for key, values in STRINGS.items()}


STAGE_NAMES = {
    "planned": "谋划",
    "signed": "签约",
    "started": "开工",
    "under_construction": "在建",
    "completed": "竣工",
    "in_production": "投产",
}
