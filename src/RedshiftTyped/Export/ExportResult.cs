namespace RedshiftTyped.Export;

/// <summary>A completed export: the final file and what it holds.</summary>
/// <param name="Path">The file's full path (the temporary file has been renamed to it).</param>
/// <param name="Format">The file's format.</param>
/// <param name="Rows">Data rows written (the CSV header is not counted).</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Sha256">SHA-256 of the final file, lower-case hex.</param>
public sealed record ExportResult(string Path, ExportFormat Format, long Rows, long Bytes, string Sha256);
