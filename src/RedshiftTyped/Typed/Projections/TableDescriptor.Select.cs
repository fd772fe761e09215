// Written by a script for arities 1 to 8, as ProjectionDecoders.cs.
using RedshiftTyped.Typed.Projections;

namespace RedshiftTyped.Typed;

public sealed partial class TableDescriptor<TRecord>
{
    /// <summary>
    /// A projection that reads only this column: rows are its values, typed as the column's property
    /// (<c>await foreach (var v1 in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, T1> Select<T1>(Column<TRecord, T1> column1)
    {
        ArgumentNullException.ThrowIfNull(column1);
        var projection = ColumnProjection.Of(this, [column1.Descriptor]);
        return new TableProjection<TRecord, T1>(this, projection,
            new ProjectionDecoder<T1>(projection, ColumnReader<T1>.For(column1.Descriptor)),
            ProjectionDecoder<T1>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 2 values, in the order named
    /// (<c>await foreach (var (v1, v2) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2)> Select<T1, T2>(Column<TRecord, T1> column1, Column<TRecord, T2> column2)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor]);
        return new TableProjection<TRecord, (T1, T2)>(this, projection,
            new ProjectionDecoder<T1, T2>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor)),
            ProjectionDecoder<T1, T2>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 3 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3)> Select<T1, T2, T3>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3)>(this, projection,
            new ProjectionDecoder<T1, T2, T3>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor)),
            ProjectionDecoder<T1, T2, T3>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 4 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3, v4) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <typeparam name="T4">The value type of column 4, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column4">The fourth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3, T4)> Select<T1, T2, T3, T4>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3, Column<TRecord, T4> column4)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        ArgumentNullException.ThrowIfNull(column4);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor, column4.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3, T4)>(this, projection,
            new ProjectionDecoder<T1, T2, T3, T4>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor), ColumnReader<T4>.For(column4.Descriptor)),
            ProjectionDecoder<T1, T2, T3, T4>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 5 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3, v4, v5) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <typeparam name="T4">The value type of column 4, nullable where the column is.</typeparam>
    /// <typeparam name="T5">The value type of column 5, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column4">The fourth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column5">The fifth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3, T4, T5)> Select<T1, T2, T3, T4, T5>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3, Column<TRecord, T4> column4, Column<TRecord, T5> column5)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        ArgumentNullException.ThrowIfNull(column4);
        ArgumentNullException.ThrowIfNull(column5);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor, column4.Descriptor, column5.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3, T4, T5)>(this, projection,
            new ProjectionDecoder<T1, T2, T3, T4, T5>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor), ColumnReader<T4>.For(column4.Descriptor), ColumnReader<T5>.For(column5.Descriptor)),
            ProjectionDecoder<T1, T2, T3, T4, T5>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 6 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3, v4, v5, v6) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <typeparam name="T4">The value type of column 4, nullable where the column is.</typeparam>
    /// <typeparam name="T5">The value type of column 5, nullable where the column is.</typeparam>
    /// <typeparam name="T6">The value type of column 6, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column4">The fourth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column5">The fifth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column6">The sixth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3, T4, T5, T6)> Select<T1, T2, T3, T4, T5, T6>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3, Column<TRecord, T4> column4, Column<TRecord, T5> column5, Column<TRecord, T6> column6)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        ArgumentNullException.ThrowIfNull(column4);
        ArgumentNullException.ThrowIfNull(column5);
        ArgumentNullException.ThrowIfNull(column6);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor, column4.Descriptor, column5.Descriptor, column6.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3, T4, T5, T6)>(this, projection,
            new ProjectionDecoder<T1, T2, T3, T4, T5, T6>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor), ColumnReader<T4>.For(column4.Descriptor), ColumnReader<T5>.For(column5.Descriptor), ColumnReader<T6>.For(column6.Descriptor)),
            ProjectionDecoder<T1, T2, T3, T4, T5, T6>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 7 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3, v4, v5, v6, v7) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <typeparam name="T4">The value type of column 4, nullable where the column is.</typeparam>
    /// <typeparam name="T5">The value type of column 5, nullable where the column is.</typeparam>
    /// <typeparam name="T6">The value type of column 6, nullable where the column is.</typeparam>
    /// <typeparam name="T7">The value type of column 7, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column4">The fourth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column5">The fifth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column6">The sixth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column7">The seventh column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3, T4, T5, T6, T7)> Select<T1, T2, T3, T4, T5, T6, T7>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3, Column<TRecord, T4> column4, Column<TRecord, T5> column5, Column<TRecord, T6> column6, Column<TRecord, T7> column7)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        ArgumentNullException.ThrowIfNull(column4);
        ArgumentNullException.ThrowIfNull(column5);
        ArgumentNullException.ThrowIfNull(column6);
        ArgumentNullException.ThrowIfNull(column7);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor, column4.Descriptor, column5.Descriptor, column6.Descriptor, column7.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3, T4, T5, T6, T7)>(this, projection,
            new ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor), ColumnReader<T4>.For(column4.Descriptor), ColumnReader<T5>.For(column5.Descriptor), ColumnReader<T6>.For(column6.Descriptor), ColumnReader<T7>.For(column7.Descriptor)),
            ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7>.Box);
    }

    /// <summary>
    /// A projection that reads only these columns: rows are tuples of 8 values, in the order named
    /// (<c>await foreach (var (v1, v2, v3, v4, v5, v6, v7, v8) in client.SnapshotAsync(table.Select(…)))</c>), and every value is read from the
    /// result — nothing is left at a default. Wider shapes: read the whole record, or write a typed query.
    /// </summary>
    /// <typeparam name="T1">The value type of column 1, nullable where the column is.</typeparam>
    /// <typeparam name="T2">The value type of column 2, nullable where the column is.</typeparam>
    /// <typeparam name="T3">The value type of column 3, nullable where the column is.</typeparam>
    /// <typeparam name="T4">The value type of column 4, nullable where the column is.</typeparam>
    /// <typeparam name="T5">The value type of column 5, nullable where the column is.</typeparam>
    /// <typeparam name="T6">The value type of column 6, nullable where the column is.</typeparam>
    /// <typeparam name="T7">The value type of column 7, nullable where the column is.</typeparam>
    /// <typeparam name="T8">The value type of column 8, nullable where the column is.</typeparam>
    /// <param name="column1">The first column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column2">The second column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column3">The third column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column4">The fourth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column5">The fifth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column6">The sixth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column7">The seventh column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <param name="column8">The eighth column to read: a generated handle of this table (<c>Column.X</c>).</param>
    /// <returns>The projection, for <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, Reading.SnapshotOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException">A column is named twice.</exception>
    public TableProjection<TRecord, (T1, T2, T3, T4, T5, T6, T7, T8)> Select<T1, T2, T3, T4, T5, T6, T7, T8>(Column<TRecord, T1> column1, Column<TRecord, T2> column2, Column<TRecord, T3> column3, Column<TRecord, T4> column4, Column<TRecord, T5> column5, Column<TRecord, T6> column6, Column<TRecord, T7> column7, Column<TRecord, T8> column8)
    {
        ArgumentNullException.ThrowIfNull(column1);
        ArgumentNullException.ThrowIfNull(column2);
        ArgumentNullException.ThrowIfNull(column3);
        ArgumentNullException.ThrowIfNull(column4);
        ArgumentNullException.ThrowIfNull(column5);
        ArgumentNullException.ThrowIfNull(column6);
        ArgumentNullException.ThrowIfNull(column7);
        ArgumentNullException.ThrowIfNull(column8);
        var projection = ColumnProjection.Of(this, [column1.Descriptor, column2.Descriptor, column3.Descriptor, column4.Descriptor, column5.Descriptor, column6.Descriptor, column7.Descriptor, column8.Descriptor]);
        return new TableProjection<TRecord, (T1, T2, T3, T4, T5, T6, T7, T8)>(this, projection,
            new ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7, T8>(projection, ColumnReader<T1>.For(column1.Descriptor), ColumnReader<T2>.For(column2.Descriptor), ColumnReader<T3>.For(column3.Descriptor), ColumnReader<T4>.For(column4.Descriptor), ColumnReader<T5>.For(column5.Descriptor), ColumnReader<T6>.For(column6.Descriptor), ColumnReader<T7>.For(column7.Descriptor), ColumnReader<T8>.For(column8.Descriptor)),
            ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7, T8>.Box);
    }
}
