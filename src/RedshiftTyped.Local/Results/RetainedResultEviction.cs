using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// Which finished results the retained-result limit (<see cref="LocalServerOptions.RetainedResultBytesLimit"/>) may drop,
/// and in which order. A result a client is paging through is never dropped: the client would see its statement's
/// result vanish between two pages (a chunked read's own chunks too, at a small limit). A result is being paged when a
/// page of it was fetched, its last page was not, and the last fetch is less than <see cref="ReadGrace"/> old (the
/// NextToken the client holds is outstanding). Others go first to last: results read to the end or whose read was
/// abandoned (least recently read first), then results never read (oldest first). When only results being paged are
/// left and they leave no room, the result that just ended is the one dropped (it reads as released, naming the
/// option), so memory stays bounded and no read already under way fails mid-result.
/// </summary>
internal static class RetainedResultEviction
{
    /// <summary>
    /// How long a result whose NextToken is outstanding stays protected after its last page fetch: a client paging asks
    /// for the next page at once, and a chunk of a parallel read waits at most while the chunks ahead of it are read, which
    /// takes seconds to minutes; a read stopped for five minutes was abandoned (a client that broke off mid-result), and
    /// its result may go, so a forgotten read does not hold the limit forever.
    /// </summary>
    public static readonly TimeSpan ReadGrace = TimeSpan.FromMinutes(5);

    /// <summary>Whether a client is paging through <paramref name="holder"/>'s result at <paramref name="now"/>.</summary>
    public static bool IsBeingRead(StatementRecord holder, DateTime now)
        => holder.Result is { } result && holder.LastRead is { } read && read.Page + 1 < result.PageCount && now - read.At < ReadGrace;

    /// <summary>The results of <paramref name="kept"/> that may be dropped, in the order they go.</summary>
    public static IEnumerable<StatementRecord> Candidates(IEnumerable<StatementRecord> kept, DateTime now)
        => kept.Where(holder => !IsBeingRead(holder, now))
            .OrderBy(holder => holder.LastRead is null ? 1 : 0)
            .ThenBy(holder => holder.LastRead?.At ?? holder.EndedAt ?? holder.CreatedAt);
}
