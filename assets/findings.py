"""What a check reports: one finding per problem, each naming where it is."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: str  # ERROR (the package would be broken) or WARNING (worth fixing)
    where: str     # e.g. "object 1977.12", "hall lobby", "hotspot 3 in hall lobby"
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"
