using RedshiftTyped;
using Tickit.Queries;

namespace Tickit;

/// <summary>
/// Questions about TICKIT, answered by typed queries: each is a .sql file in queries/tickit/ that aggregates in Redshift,
/// so only the answer's rows cross the network, typed at compile time from the file's query snapshot. Parameters travel
/// as Data API parameters.
/// </summary>
internal sealed class TickitAnswers(RedshiftClient client)
{
    public async Task PrintTopEventsAsync(int year, int count)
    {
        Console.WriteLine();
        Console.WriteLine($"Top {count} events by tickets sold in {year}");
        await foreach (var e in client.QueryAsync(TickitQueries.TopEvents, new(Year: year, Top: count)))
        {
            Console.WriteLine($"  {e.Eventname ?? "(unnamed)",-30} {e.Tickets,8:N0} tickets");
        }
    }

    public async Task PrintRevenueByCategoryAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Revenue by category");
        await foreach (var c in client.QueryAsync(TickitQueries.RevenueByCategory))
        {
            Console.WriteLine($"  {c.Catgroup + " / " + c.Catname,-20} {c.Sales,8:N0} sales {c.Tickets,8:N0} tickets {c.Revenue,16:N2}");
        }
    }

    public async Task PrintBestSellersPerCategoryAsync(int perCategory)
    {
        Console.WriteLine();
        Console.WriteLine($"Best {perCategory} events of each category by revenue (a window function)");
        await foreach (var e in client.QueryAsync(TickitQueries.BestSellersPerCategory, new(PerCategory: perCategory)))
        {
            Console.WriteLine($"  {e.Catname,-10} #{e.RankInCategory} {e.Eventname ?? "(unnamed)",-30} {e.Revenue,14:N2}");
        }
    }
}
