using System.Text;

namespace RedshiftTyped.Values;

/// <summary>
/// Splits the CSVRecords text of GetStatementResultV2 into records: RFC 4180 quoting, LF or CRLF line ends,
/// no header row. A NULL is an empty unquoted field (returned as null); an empty string is <c>""</c>.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>Splits GetStatementResultV2 CSV text (RFC 4180) into records of fields; an empty unquoted field is NULL (null), <c>""</c> the empty string.</summary>
    public static IEnumerable<string?[]> Read(string text)
    {
        var fields = new List<string?>();
        var current = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            fields.Clear();
            bool endOfRecord = false;
            while (!endOfRecord)
            {
                current.Clear();
                bool quoted = i < text.Length && text[i] == '"';
                if (quoted)
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new FormatException("A CSV record ends inside a quoted field.");
                        }

                        char c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                current.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        current.Append(c);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    {
                        current.Append(text[i++]);
                    }
                }

                fields.Add(quoted || current.Length > 0 ? current.ToString() : null);
                if (i >= text.Length)
                {
                    endOfRecord = true;
                }
                else if (text[i] == ',')
                {
                    i++;
                }
                else if (text[i] is '\n' or '\r')
                {
                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    endOfRecord = true;
                }
                else
                {
                    throw new FormatException($"Unexpected character '{text[i]}' after a quoted CSV field at offset {i}.");
                }
            }

            yield return fields.ToArray();
        }
    }
}
