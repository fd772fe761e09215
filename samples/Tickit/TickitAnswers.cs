using RedshiftTyped;
using RedshiftTyped.Reading;
using Tickit.Tickit;
using Tickit.Tickit.Public;

namespace Tickit;

/// <summary>
/// A few questions about TICKIT, answered from typed snapshots: rows stream page by page, so a table of any size
/// is aggregated in constant memory, and filters run in Redshift with their values sent as parameters.
/// </summary>
internal sealed class TickitAnswers(RedshiftClient client)
{
    public async Task PrintTopEventsAsync(int count)
    {
        var ticketsByEvent = new Dictionary<int, long>();
        // A projection reads only the columns named, as typed values: no record with made-up properties.
        await foreach (var (eventId, sold) in client.SnapshotAsync(TickitDatabase.Public.Sales.Select(Sales.RedshiftTable.Column.Eventid, Sales.RedshiftTable.Column.Qtysold)))
        {
            ticketsByEvent[eventId] = ticketsByEvent.GetValueOrDefault(eventId) + sold;
        }

        var top = ticketsByEvent.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(count).ToList();
        var names = new Dictionary<int, string>();
        var onlyTop = new SnapshotOptions().Where(Event.RedshiftTable.Column.Eventid.In(top.Select(e => e.Key)));
        await foreach (var e in client.SnapshotAsync(TickitDatabase.Public.Event, onlyTop))
        {
            names[e.Eventid] = e.Eventname ?? "(unnamed)";
        }

        Console.WriteLine();
        Console.WriteLine($"Top {count} events by tickets sold");
        foreach (var (eventId, tickets) in top)
        {
            Console.WriteLine($"  {names.GetValueOrDefault(eventId, "?"),-30} {tickets,8:N0} tickets");
        }
    }

    public async Task PrintRevenueByCategoryAsync()
    {
        var categoryNames = new Dictionary<short, string>();
        await foreach (var category in client.SnapshotAsync(TickitDatabase.Public.Category))
        {
            categoryNames[category.Catid] = category.Catname ?? "?";
        }

        var categoryByEvent = new Dictionary<int, short>();
        await foreach (var (eventId, categoryId) in client.SnapshotAsync(TickitDatabase.Public.Event.Select(Event.RedshiftTable.Column.Eventid, Event.RedshiftTable.Column.Catid)))
        {
            categoryByEvent[eventId] = categoryId;
        }

        var revenue = new Dictionary<string, decimal>();
        await foreach (var (eventId, price) in client.SnapshotAsync(TickitDatabase.Public.Sales.Select(Sales.RedshiftTable.Column.Eventid, Sales.RedshiftTable.Column.Pricepaid)))
        {
            string category = categoryNames[categoryByEvent[eventId]];
            revenue[category] = revenue.GetValueOrDefault(category) + (price ?? 0m);
        }

        Console.WriteLine();
        Console.WriteLine("Revenue by category");
        foreach (var (category, total) in revenue.OrderByDescending(r => r.Value))
        {
            Console.WriteLine($"  {category,-12} {total,16:N2}");
        }
    }

    public async Task PrintBigSpendersAsync()
    {
        // Filters compile to SQL with parameters; the limit is repeatable because it is ordered (sales has no primary key,
        // so a limit without OrderBy would be refused).
        var options = new SnapshotOptions { Limit = 5 }
            .OrderBy(Sales.RedshiftTable.Column.Pricepaid.Descending(), Sales.RedshiftTable.Column.Salesid)
            .Where(Sales.RedshiftTable.Column.Pricepaid.Between(5_000m, 10_000m) & Sales.RedshiftTable.Column.Qtysold.GreaterThanOrEqualTo(4));

        Console.WriteLine();
        Console.WriteLine("The five priciest sales of 4+ tickets between 5,000 and 10,000");
        await foreach (var sale in client.SnapshotAsync(TickitDatabase.Public.Sales, options))
        {
            Console.WriteLine($"  sale {sale.Salesid,6}: {sale.Qtysold} tickets for {sale.Pricepaid,10:N2} on {sale.Saletime:yyyy-MM-dd}");
        }
    }
}
