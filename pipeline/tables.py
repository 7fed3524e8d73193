"""Read published tables back with the dtypes their Table Schema gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import schemas

def read_csv_table(folder: Path, table: str) -> pd.DataFrame:
    """A published CSV typed by its Table Schema (blank = null; true/false), parsed by Arrow's
    multi-threaded reader; raises if a value does not parse as its column's type."""
    convert = pacsv.ConvertOptions(column_types={f.name: f.type for f in schemas.arrow_schema(table)},
                                   null_values=[""], strings_can_be_null=True,
                                   true_values=["true"], false_values=["false"])
    arrow = pacsv.read_csv(Path(folder) / f"data/csv/{table}.csv", convert_options=convert,
                           parse_options=pacsv.ParseOptions(newlines_in_values=True))
    return arrow.to_pandas().astype(schemas.pandas_dtypes(table))[schemas.columns(table)]


def parquet_path(table: str) -> str:
    """Where a table's Parquet copy lives in a package: a folder per table (what Spark, Trino's Hive
    connector and DuckDB globs take as a table's location), holding one file for now."""
    return f"data/parquet/{table}/part-0.parquet"


def read_parquet_table(folder: Path, table: str) -> pd.DataFrame:
    df = pq.read_table(Path(folder) / parquet_path(table)).to_pandas()
    return df.astype(schemas.pandas_dtypes(table))[schemas.columns(table)]
