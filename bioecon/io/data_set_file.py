"""The data-set file (填报任务, YAML): what the plan office asks units to report.

```yaml
code: cs-monthly
name: 长沙生物经济月度监测
period_type: month            # month, quarter or year
first_period: 2025-01
jan_feb_combined: true        # 1–2月合并: no January report
due: {day: 5, months_after: 1, lock_after_days: 10}   # 每月5日前报上月; locked 10 days later
indicators: [biomed_scale, bio_manufacturing_output]
org_units: ['430181', CS-LYJK]
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bioecon.domain.data_sets import DataSet
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule
from bioecon.errors import InvalidInput, InvalidValue, Problem
from bioecon.io.yaml_source import locate, read_yaml_file, validation_problems

Code = Annotated[str, Field(min_length=1, max_length=80)]
MAX_DATA_SET_FILE_BYTES = 1024 * 1024  # 5,000 org units and 500 indicators take ~120 KB


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DueModel(_Model):
    day: int = Field(ge=1, le=31)
    months_after: int = Field(default=1, ge=0, le=12)
    lock_after_days: int | None = Field(default=None, ge=0, le=366)


class DataSetModel(_Model):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    period_type: PeriodType
    first_period: str
    jan_feb_combined: bool = False
    due: DueModel
    indicators: list[Code] = Field(min_length=1, max_length=500)
    org_units: list[Code] = Field(min_length=1, max_length=5000)

    @field_validator("first_period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("indicators", "org_units")
    @classmethod
    def _no_repeats(cls, values: list[str]) -> list[str]:
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ValueError(f"repeated: {', '.join(repeated)}")
        return values


def read_data_set_file(path: Path) -> DataSet:
    """Read and check a data-set file; every problem named with its field and line."""
    source = str(path)
    data, lines = read_yaml_file(path, MAX_DATA_SET_FILE_BYTES)
    try:
        model = DataSetModel.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(source, validation_problems(error, lines)) from None
    try:
        first = Period.parse(model.first_period)
    except InvalidValue as error:
        raise InvalidInput(
            source, [Problem(locate(("first_period",), lines), str(error))]
        ) from None
    if first.type is not model.period_type:
        message = f"{first} is not a {model.period_type.value} period"
        raise InvalidInput(source, [Problem(locate(("first_period",), lines), message)])
    return DataSet(
        code=model.code,
        name=model.name,
        period_type=model.period_type,
        indicators=tuple(model.indicators),
        org_units=tuple(model.org_units),
        due=DueRule(model.due.day, model.due.months_after, model.due.lock_after_days),
        first_period=first,
        jan_feb_combined=model.jan_feb_combined,
    )
