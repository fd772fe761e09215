using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Sample;

/// <summary>
/// The TICKIT sample database of the Amazon Redshift documentation: its DDL verbatim, and deterministic generated
/// data (a fixed seed, so every run and both backends hold the same rows): 100,000 sales, NULLs where the DDL
/// allows them, loaded with the engines' bulk paths.
/// </summary>
internal static class TickitSample
{
    public const string Ddl = """
        create table users(userid integer not null distkey sortkey, username char(8), firstname varchar(30), lastname varchar(30), city varchar(30), state char(2), email varchar(100), phone char(14), likesports boolean, liketheatre boolean, likeconcerts boolean, likejazz boolean, likeclassical boolean, likeopera boolean, likerock boolean, likevegas boolean, likebroadway boolean, likemusicals boolean);
        create table venue(venueid smallint not null distkey sortkey, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer);
        create table category(catid smallint not null distkey sortkey, catgroup varchar(10), catname varchar(10), catdesc varchar(50));
        create table date(dateid smallint not null distkey sortkey, caldate date not null, day character(3) not null, week smallint not null, month character(5) not null, qtr character(5) not null, year smallint not null, holiday boolean default('N'));
        create table event(eventid integer not null distkey, venueid smallint not null, catid smallint not null, dateid smallint not null sortkey, eventname varchar(200), starttime timestamp);
        create table listing(listid integer not null distkey, sellerid integer not null, eventid integer not null, dateid smallint not null sortkey, numtickets smallint not null, priceperticket decimal(8,2), totalprice decimal(8,2), listtime timestamp);
        create table sales(salesid integer not null, listid integer not null distkey, sellerid integer not null, buyerid integer not null, eventid integer not null, dateid smallint not null sortkey, qtysold smallint not null, pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp);
        """;

    public const int Users = 5000;
    public const int Venues = 200;
    public const int Dates = 365;
    public const int Events = 8000;
    public const int Listings = 50000;
    public const int Sales = 100000;

    private static readonly string[] FirstNames = ["Rafael", "Vladimir", "Lars", "Barry", "Reagan", "Victor", "Tamekah", "Colton", "Mufutau", "Naida", "Elvis", "Ina"];
    private static readonly string[] LastNames = ["Taylor", "Humphrey", "Ratliff", "Roy", "Hodge", "Hernandez", "Juarez", "Roy", "Watkins", "Calderon", "Barry", "O'Neil"];
    private static readonly string[] Cities = ["Kittanning", "Guayama", "Bayonne", "Warwick", "Ogden", "Chicago", "Boston", "Seattle", "San Diego", "New York City"];
    private static readonly string[] States = ["NY", "CA", "WA", "IL", "MA", "TX", "UT", "PA", "FL", "OR"];
    private static readonly (string Group, string Name, string Description)[] Categories =
    [
        ("Sports", "MLB", "Major League Baseball"), ("Sports", "NHL", "National Hockey League"), ("Sports", "NFL", "National Football League"),
        ("Sports", "NBA", "National Basketball Association"), ("Sports", "MLS", "Major League Soccer"), ("Shows", "Musicals", "Musical theatre"),
        ("Shows", "Plays", "All non-musical theatre"), ("Shows", "Opera", "All opera and light opera"), ("Concerts", "Pop", "All rock and pop music concerts"),
        ("Concerts", "Jazz", "All jazz singers and bands"), ("Concerts", "Classical", "All symphony, concerto, and choir concerts"),
    ];

    private static readonly DateTime FirstDay = new(2008, 1, 1);

    public static async Task LoadAsync(IDatabaseBackend backend, ScriptLoader loader, CancellationToken cancellationToken)
    {
        _ = backend;
        if (await loader.TableExistsAsync("sales", cancellationToken).ConfigureAwait(false))
        {
            // Loaded by an earlier run into the same database file: only the declared types need remembering.
            loader.RememberDeclarations(Ddl);
            return;
        }

        await loader.RunScriptAsync(Ddl, "the TICKIT sample's DDL", cancellationToken).ConfigureAwait(false);
        RsTypeInfo i2 = new(RsType.Int2), i4 = new(RsType.Int4), b = new(RsType.Bool), d = new(RsType.Date), ts = new(RsType.Timestamp);
        RsTypeInfo money = new(RsType.Numeric, Precision: 8, Scale: 2);
        RsTypeInfo Vc(int n) => new(RsType.Varchar, Length: n);
        RsTypeInfo Ch(int n) => new(RsType.Bpchar, Length: n);

        await loader.BulkInsertAsync("users", [i4, Ch(8), Vc(30), Vc(30), Vc(30), Ch(2), Vc(100), Ch(14), b, b, b, b, b, b, b, b, b, b], UserRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("venue", [i2, Vc(100), Vc(30), Ch(2), i4], VenueRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("category", [i2, Vc(10), Vc(10), Vc(50)], CategoryRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("date", [i2, d, Ch(3), i2, Ch(5), Ch(5), i2, b], DateRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("event", [i4, i2, i2, i2, Vc(200), ts], EventRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("listing", [i4, i4, i4, i2, i2, money, money, ts], ListingRows(), cancellationToken).ConfigureAwait(false);
        await loader.BulkInsertAsync("sales", [i4, i4, i4, i4, i4, i2, i2, money, money, ts], SalesRows(), cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<object?[]> UserRows()
    {
        var random = new Random(1);
        for (int id = 1; id <= Users; id++)
        {
            string first = FirstNames[random.Next(FirstNames.Length)];
            string last = LastNames[random.Next(LastNames.Length)];
            var row = new object?[18];
            row[0] = id;
            string city = Cities[random.Next(Cities.Length)];
            string state = States[random.Next(States.Length)];
            string phone = $"({random.Next(200, 999)}) {random.Next(100, 999)}-{random.Next(1000, 9999)}";
            // Every nullable column holds some NULLs, each on its own rhythm.
            row[1] = id % 991 == 0 ? null : $"U{id:D7}"[..8];
            row[2] = id % 89 == 0 ? null : first;
            row[3] = id % 97 == 0 ? null : last;
            row[4] = id % 101 == 0 ? null : city;
            row[5] = id % 103 == 0 ? null : state;
            row[6] = id % 50 == 0 ? null : $"{first}.{last}{id}@example.com".ToLowerInvariant();
            row[7] = id % 107 == 0 ? null : phone;
            for (int like = 8; like < 18; like++)
            {
                int draw = random.Next(3);
                row[like] = draw == 2 ? null : draw == 1;
            }

            yield return row;
        }
    }

    private static IEnumerable<object?[]> VenueRows()
    {
        var random = new Random(2);
        for (int id = 1; id <= Venues; id++)
        {
            string city = Cities[random.Next(Cities.Length)];
            string state = States[random.Next(States.Length)];
            int seats = random.Next(0, 5) * 10000 + random.Next(1000, 9999);
            yield return [(short)id, id % 53 == 0 ? null : $"Venue {id} Stadium", id % 59 == 0 ? null : city, id % 61 == 0 ? null : state,
                id % 7 == 0 ? null : seats];
        }
    }

    private static IEnumerable<object?[]> CategoryRows()
    {
        for (int id = 1; id <= Categories.Length; id++)
        {
            var (group, name, description) = Categories[id - 1];
            yield return [(short)id, group, name, description];
        }

        // One category with nothing known, so that every nullable column of the sample holds a NULL.
        yield return [(short)(Categories.Length + 1), null, null, null];
    }

    private static IEnumerable<object?[]> DateRows()
    {
        for (int id = 1; id <= Dates; id++)
        {
            var day = FirstDay.AddDays(id - 1);
            yield return [(short)(1826 + id), DateOnly.FromDateTime(day), day.DayOfWeek.ToString()[..2].ToUpperInvariant(),
                (short)(System.Globalization.ISOWeek.GetWeekOfYear(day)), day.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture).ToUpperInvariant(),
                $"{(day.Month - 1) / 3 + 1}", (short)day.Year, id % 30 == 0 ? null : day.Day == 1 || (day.Month == 12 && day.Day == 25)];
        }
    }

    private static IEnumerable<object?[]> EventRows()
    {
        var random = new Random(3);
        for (int id = 1; id <= Events; id++)
        {
            int dateIndex = random.Next(Dates);
            yield return [id, (short)random.Next(1, Venues + 1), (short)random.Next(1, Categories.Length + 1), (short)(1827 + dateIndex),
                id % 97 == 0 ? null : $"Event {id}", id % 89 == 0 ? null : FirstDay.AddDays(dateIndex).AddHours(random.Next(12, 22)).AddMinutes(random.Next(2) * 30)];
        }
    }

    private static IEnumerable<object?[]> ListingRows()
    {
        var random = new Random(4);
        for (int id = 1; id <= Listings; id++)
        {
            short tickets = (short)random.Next(1, 31);
            decimal price = random.Next(2000, 250000) / 100m;
            int dateIndex = random.Next(Dates);
            yield return [id, random.Next(1, Users + 1), random.Next(1, Events + 1), (short)(1827 + dateIndex), tickets,
                id % 101 == 0 ? null : price, id % 101 == 0 ? null : price * tickets,
                id % 211 == 0 ? null : FirstDay.AddDays(dateIndex).AddSeconds(random.Next(86400)).AddTicks(random.Next(1_000_000) * 10L)];
        }
    }

    private static IEnumerable<object?[]> SalesRows()
    {
        var random = new Random(5);
        for (int id = 1; id <= Sales; id++)
        {
            short qty = (short)random.Next(1, 9);
            decimal paid = random.Next(2000, 900000) / 100m;
            int dateIndex = random.Next(Dates);
            yield return [id, random.Next(1, Listings + 1), random.Next(1, Users + 1), random.Next(1, Users + 1), random.Next(1, Events + 1),
                (short)(1827 + dateIndex), qty,
                id % 1000 == 0 ? null : paid, id % 1000 == 0 ? null : Math.Round(paid * 0.15m, 2),
                id % 997 == 0 ? null : FirstDay.AddDays(dateIndex).AddSeconds(random.Next(86400))];
        }
    }
}
