using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace RedshiftTyped.Local.Protocol;

/// <summary>
/// JSON string escaping as the Data API service writes it: UTF-8 as is, only what RFC 8259 §7 requires escaped —
/// <c>"</c> and <c>\</c> as <c>\"</c> and <c>\\</c>, control characters (U+0000–U+001F) as <c>\b \t \n \f \r</c> or
/// <c>\u00XX</c>. System.Text.Json's default encoder also escapes <c>'</c>, <c>&lt;&gt;&amp;</c> and every non-ASCII
/// character (<c>é</c> becomes 6 bytes instead of 2), and even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// escapes characters outside the Basic Multilingual Plane (emoji); either would inflate ResultSize and the row and
/// result caps past what the service counts. The output is meant for JSON bodies, never for HTML.
/// </summary>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    /// <summary>What needs escaping, plus surrogates (UTF-16 only): a lone one is replaced, a pair passes through whole.</summary>
    private static readonly SearchValues<char> CharsToInspect = SearchValues.Create(CharsToInspectText());

    private static readonly SearchValues<byte> BytesToEscape = SearchValues.Create(BytesToEscapeValues());

    private MinimalJsonEncoder()
    {
    }

    /// <summary><c>\u00XX</c>: the longest escape.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        => new ReadOnlySpan<char>(text, textLength).IndexOfAny(CharsToInspect);

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        int index = utf8Text.IndexOfAny(BytesToEscape);
        var plain = index < 0 ? utf8Text : utf8Text[..index];
        // Invalid UTF-8 goes through the base class, which finds it (the writer then refuses or replaces it).
        return Utf8.IsValid(plain) ? index : base.FindFirstCharacterToEncodeUtf8(utf8Text);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\f' => "\\f",
            '\r' => "\\r",
            _ => default,
        };
        if (escape.IsEmpty && unicodeScalar < 0x20)
        {
            if (destination.Length < 6)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            "\\u00".CopyTo(destination);
            destination[4] = "0123456789ABCDEF"[unicodeScalar >> 4];
            destination[5] = "0123456789ABCDEF"[unicodeScalar & 0xF];
            numberOfCharactersWritten = 6;
            return true;
        }

        if (escape.IsEmpty)
        {
            // Not ours to escape (the base class asks only for what WillEncode names, or a replaced lone surrogate): as is.
            var rune = new System.Text.Rune(unicodeScalar);
            return rune.TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = escape.Length;
        return escape.TryCopyTo(destination);
    }

    private static string CharsToInspectText()
    {
        var chars = new List<char> { '"', '\\' };
        for (char c = '\0'; c < ' '; c++) chars.Add(c);
        for (int c = 0xD800; c <= 0xDFFF; c++) chars.Add((char)c);
        return new string([.. chars]);
    }

    private static byte[] BytesToEscapeValues()
    {
        var bytes = new List<byte> { (byte)'"', (byte)'\\' };
        for (byte b = 0; b < 0x20; b++) bytes.Add(b);
        return [.. bytes];
    }
}
