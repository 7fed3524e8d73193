"""Read published tables back with the dtypes their Table Schema gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import schemas

_TRUE = {"true": True, "false": False}


def read_csv_table(folder: Path, table: str) -> pd.DataFrame:
    dtypes = schemas.pandas_dtypes(table)
    raw = pd.read_csv(Path(folder) / f"data/csv/{table}.csv", dtype=str, keep_default_na=False, na_values=[""])
    for col, dtype in dtypes.items():
        if dtype == "boolean":
            raw[col] = raw[col].map(_TRUE).astype("boolean")
    return raw.astype(dtypes)[schemas.columns(table)]


def read_parquet_table(folder: Path, table: str) -> pd.DataFrame:
    df = pq.read_table(Path(folder) / f"data/parquet/{table}.parquet").to_pandas()
    return df.astype(schemas.pandas_dtypes(table))[schemas.columns(table)]
