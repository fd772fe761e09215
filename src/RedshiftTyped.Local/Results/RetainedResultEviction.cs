using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// Which finished results the retained-result limit (<see cref="LocalServerOptions.RetainedResultBytesLimit"/>) may drop,
/// and in which order. A result a client is paging through is never dropped: the client would see its statement's
/// result vanish between two pages (a chunked read's own chunks too, at a small limit). A result is being paged while
/// one of its readers (<see cref="ResultReaders"/>: several clients may page one result) holds a NextToken fetched less
/// than <see cref="ReadGrace"/> ago. Others go first to last: results read to the end or whose read was abandoned (least
/// recently read first), then results never read (oldest first). When only results being paged are left and they leave
/// no room, the result that just ended is the one dropped (it reads as released beside the reads under way, naming the
/// option), so memory stays bounded and no read already under way fails mid-result.
/// A finished result not yet read is not protected: at a limit too small for what is held one of the results must go,
/// and sparing the unread older one would drop the newer one, which a client running statements one after another reads
/// next.
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
        => holder.Result is not null && holder.Readers.AnyOutstanding(now, ReadGrace);

    /// <summary>The results of <paramref name="kept"/> that may be dropped, in the order they go.</summary>
    public static IEnumerable<StatementRecord> Candidates(IEnumerable<StatementRecord> kept, DateTime now)
        => kept.Where(holder => !IsBeingRead(holder, now))
            .Select(holder => (Holder: holder, LastReadAt: holder.Readers.LastReadAt))
            .OrderBy(entry => entry.LastReadAt is null ? 1 : 0)
            .ThenBy(entry => entry.LastReadAt ?? entry.Holder.EndedAt ?? entry.Holder.CreatedAt)
            .Select(entry => entry.Holder);
}
