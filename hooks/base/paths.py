from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNBOOKS = REPO / "runbooks"
