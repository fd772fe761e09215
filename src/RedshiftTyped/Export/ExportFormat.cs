namespace RedshiftTyped.Export;

/// <summary>The file formats a table can be exported to.</summary>
public enum ExportFormat
{
    /// <summary>Apache Parquet: one row group per incoming record batch.</summary>
    Parquet,

    /// <summary>Arrow IPC streaming format (<c>.arrows</c>): schema, then batches, then an end-of-stream marker.</summary>
    ArrowStream,

    /// <summary>Arrow IPC file format (<c>.arrow</c>, "Feather v2"): the stream framed by magic bytes and a footer that allows random access.</summary>
    ArrowFile,

    /// <summary>RFC 4180 CSV with a header row; see <see cref="CsvRecordBatchWriter"/> for how each type is written.</summary>
    Csv,
}

/// <summary>File-name facts about each <see cref="ExportFormat"/>.</summary>
public static class ExportFormats
{
    /// <summary>The conventional file extension, without the dot: parquet, arrows, arrow or csv.</summary>
    public static string FileExtension(this ExportFormat format) => format switch
    {
        ExportFormat.Parquet => "parquet",
        ExportFormat.ArrowStream => "arrows",
        ExportFormat.ArrowFile => "arrow",
        ExportFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };
}
