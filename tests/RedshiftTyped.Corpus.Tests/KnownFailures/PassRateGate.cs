using System.Globalization;

namespace RedshiftTyped.Corpus.Tests.KnownFailures;

/// <summary>
/// A suite's <c>pass-rate-gate.tsv</c>: the lowest pass rate (percent of the suite's cases) each backend may have
/// (<c>backend TAB percent</c>; <c>#</c> starts a comment line). The one place the thresholds are kept: raise them as
/// the dialect improves (the goal of issue 10 is 90 on both backends).
/// </summary>
internal sealed class PassRateGate
{
    private readonly Dictionary<string, double> _minimum;

    private PassRateGate(string source, Dictionary<string, double> minimum)
    {
        Source = source;
        _minimum = minimum;
    }

    /// <summary>The file, as a path from the repository root.</summary>
    public string Source { get; }

    /// <summary>The lowest pass rate allowed on the backend, in percent.</summary>
    public double MinimumPercent(string backend) => _minimum.TryGetValue(backend, out double value)
        ? value
        : throw new InvalidDataException($"{Source}: no threshold for backend {backend}; add a line \"{backend}<TAB>percent\".");

    /// <summary>Parses the file; a malformed line is an error naming the file and line.</summary>
    public static PassRateGate Parse(string source, IEnumerable<string> lines)
    {
        var minimum = new Dictionary<string, double>(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length != 2 || !KnownFailureList.Backends.Contains(fields[0])
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || percent is < 0 or > 100)
            {
                throw new InvalidDataException($"{source}:{number}: expected \"duckdb|postgres<TAB>percent (0-100)\", found \"{line}\".");
            }

            if (!minimum.TryAdd(fields[0], percent))
            {
                throw new InvalidDataException($"{source}:{number}: backend {fields[0]} has two thresholds; keep one.");
            }
        }

        return new PassRateGate(source, minimum);
    }
}
