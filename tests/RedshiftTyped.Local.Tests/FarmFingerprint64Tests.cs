using System.Text;
using RedshiftTyped.Local.Dialect.Functions;

namespace RedshiftTyped.Local.Tests;

/// <summary>
/// FARMFINGERPRINT64's FarmHash Fingerprint64, on every length path of the algorithm (0-16, 17-32, 33-64, and the
/// 64-byte loop). The expected values come from independent implementations — the npm package farmhash-modern and a C
/// build of farmhashna::Hash64 — and the guide's own example (r_FARMFINGERPRINT64.md). At 128 bytes (a multiple of 64
/// past the loop's first block) farmhash-modern disagrees with the C build; the value here is the C build's, which
/// follows Google's code.
/// </summary>
public sealed class FarmFingerprint64Tests
{
    private static readonly string Text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog 0123456789 ", 10));

    [Fact]
    public void The_guides_example_hashes_to_the_printed_value()
        => Assert.Equal(8085098817162212970L, FarmFingerprint64.Signed(Encoding.UTF8.GetBytes("Amazon Redshift")));

    [Theory]
    [InlineData(0, -7286425919675154353L)]
    [InlineData(1, 1366698271136253306L)]
    [InlineData(2, 6802249652779214323L)]
    [InlineData(3, -8824672173256051715L)]
    [InlineData(4, -797828528184215899L)]
    [InlineData(7, -343606922379908217L)]
    [InlineData(8, 5102859526078303239L)]
    [InlineData(15, 9032017524180936103L)]
    [InlineData(16, 4320848957565769301L)]
    [InlineData(17, -4061352233596342851L)]
    [InlineData(31, -8963653081731734701L)]
    [InlineData(32, -5307099777350626718L)]
    [InlineData(33, -981808865693223978L)]
    [InlineData(63, -7161247334138593298L)]
    [InlineData(64, -7757659399299338958L)]
    [InlineData(65, -2680671021354899543L)]
    [InlineData(127, -8400238888125672058L)]
    [InlineData(128, -2209602751876616027L)]
    [InlineData(129, 8814648705545882922L)]
    [InlineData(200, 4139317079278375482L)]
    [InlineData(300, -2270851203117675601L)]
    public void Each_length_path_matches_farmhash(int length, long expected)
        => Assert.Equal(expected, FarmFingerprint64.Signed(Encoding.UTF8.GetBytes(Text[..length])));
}
