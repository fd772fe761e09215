using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Storage;

/// <summary>
/// The engine functions that apply Redshift's storage rules, installed in the <c>public</c> schema at start-up:
/// <list type="bullet">
/// <item><c>rs_varchar_fits(v, n)</c> / <c>rs_char_fits(v, n)</c>, the CHECK constraints of VARCHAR(n) and CHAR(n)
/// columns: lengths count bytes, a value longer than n fails with Redshift's
/// <c>value too long for type character varying(n)</c> unless the excess is blanks, and CHAR takes single-byte
/// characters only (r_Character_types.md, multi-byte-character-load-errors.md).</item>
/// <item><c>rs_super(x)</c>, what storing a value in SUPER does: a string stays a string scalar, a number keeps
/// its kind, a float is written with an exponent (see <see cref="SuperText"/> for the stored form), JSON from
/// JSON_PARSE is kept as parsed (r_SUPER_type.md, r_is_char.md, r_is_float.md).</item>
/// </list>
/// </summary>
internal static class StorageFunctions
{
    /// <summary>The error a VARCHAR(n) column raises for a value over n bytes (r_Examples_with_character_types.md).</summary>
    public const string VarcharTooLong = "value too long for type character varying(";

    private static readonly string[] DuckDb =
    [
        // The cheap byte count first: most values fit, and the check runs for every stored row.
        "CREATE OR REPLACE MACRO public.rs_varchar_fits(v, n) AS CASE WHEN v IS NULL OR strlen(v) <= n THEN true " +
            "WHEN strlen(rtrim(v, ' ')) <= n THEN true ELSE error('value too long for type character varying(' || n || ')') END",
        "CREATE OR REPLACE MACRO public.rs_char_fits(v, n) AS CASE WHEN v IS NULL THEN true " +
            "WHEN regexp_matches(v, '[^\\x01-\\x7F]') THEN error('Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: ' " +
            "|| trim(regexp_replace(lower(hex(encode(regexp_extract(v, '[^\\x01-\\x7F]')))), '(..)', '\\1 ', 'g'))) " +
            "WHEN strlen(rtrim(v, ' ')) <= n THEN true ELSE error('value too long for type character(' || n || ')') END",
        // Text stored in DATE and TIMESTAMP columns takes Redshift's input forms (r_Date_and_time_literals.md, MDY
        // DateStyle): 1999-01-08, 1/8/1999, Jan 8,1999, January 8, 1999, 1999-Jan-08, 08-Jan-1999, 19990108, with a
        // time for timestamps, and a BC suffix. PostgreSQL reads them natively; DuckDB reads ISO only (and ignores
        // a BC suffix), so these macros try the other forms.
        "CREATE OR REPLACE MACRO public.rs_date_text(s) AS CASE " +
            "WHEN regexp_matches(s, '\\s[Bb][Cc]\\s*$') THEN TRY_CAST(regexp_replace(trim(s), '\\s+[Bb][Cc]$', '') || ' (BC)' AS DATE) " +
            "ELSE coalesce(TRY_CAST(trim(s) AS DATE), CAST(try_strptime(trim(s), " + DateFormats + ") AS DATE)) END",
        "CREATE OR REPLACE MACRO public.rs_date(v) AS CASE " +
            "WHEN typeof(v) <> 'VARCHAR' THEN CAST(v AS DATE) " +
            "WHEN v IS NOT NULL AND public.rs_date_text(CAST(v AS VARCHAR)) IS NULL THEN error('invalid input syntax for type date: \"' || CAST(v AS VARCHAR) || '\"') " +
            "ELSE public.rs_date_text(CAST(v AS VARCHAR)) END",
        "CREATE OR REPLACE MACRO public.rs_timestamp_text(s) AS CASE " +
            "WHEN regexp_matches(s, '\\s[Bb][Cc]\\s*$') THEN TRY_CAST(regexp_replace(trim(s), '^(\\S+)\\s*(.*?)\\s+[Bb][Cc]$', '\\1 (BC) \\2') AS TIMESTAMP) " +
            "ELSE coalesce(TRY_CAST(trim(s) AS TIMESTAMP), try_strptime(trim(s), " + TimestampFormats + ")) END",
        "CREATE OR REPLACE MACRO public.rs_timestamp(v) AS CASE " +
            "WHEN typeof(v) <> 'VARCHAR' THEN CAST(v AS TIMESTAMP) " +
            "WHEN v IS NOT NULL AND public.rs_timestamp_text(CAST(v AS VARCHAR)) IS NULL THEN error('invalid input syntax for type timestamp: \"' || CAST(v AS VARCHAR) || '\"') " +
            "ELSE public.rs_timestamp_text(CAST(v AS VARCHAR)) END",
        // typeof() is a constant for each call site, so only one branch is bound and run.
        "CREATE OR REPLACE MACRO public.rs_super(v) AS CASE " +
            "WHEN typeof(v) = 'JSON' THEN CAST(v AS JSON) " +
            "WHEN typeof(v) IN ('DOUBLE', 'FLOAT') THEN CAST(CAST(v AS VARCHAR) || CASE WHEN contains(lower(CAST(v AS VARCHAR)), 'e') THEN '' ELSE 'e+0' END AS JSON) " +
            "ELSE CAST(to_json(v) AS JSON) END",
    ];

    private static readonly string[] Postgres =
    [
        """
        CREATE OR REPLACE FUNCTION public.rs_varchar_too_long(v text, n integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          IF octet_length(rtrim(v, ' ')) <= n THEN RETURN true; END IF;
          RAISE EXCEPTION 'value too long for type character varying(%)', n USING ERRCODE = '22001';
        END $$
        """,
        // A SQL function the planner inlines into the CHECK: the byte count first, the PL/pgSQL call only for long values.
        "CREATE OR REPLACE FUNCTION public.rs_varchar_fits(v text, n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ " +
            "SELECT v IS NULL OR octet_length(v) <= n OR public.rs_varchar_too_long(v, n) $$",
        """
        CREATE OR REPLACE FUNCTION public.rs_char_fits(v text, n integer) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE bad text;
        BEGIN
          IF v IS NULL THEN RETURN true; END IF;
          bad := substring(v from '[^\x01-\x7F]');
          IF bad IS NOT NULL THEN
            RAISE EXCEPTION 'Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: %',
              trim(regexp_replace(encode(convert_to(bad, 'UTF8'), 'hex'), '(..)', '\1 ', 'g')) USING ERRCODE = '22021';
          END IF;
          IF octet_length(rtrim(v, ' ')) <= n THEN RETURN true; END IF;
          RAISE EXCEPTION 'value too long for type character(%)', n USING ERRCODE = '22001';
        END $$
        """,
        "CREATE OR REPLACE FUNCTION public.rs_super(text) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(json) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1 $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(jsonb) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1::json $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(boolean) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        // One overload per integer type: PostgreSQL would otherwise resolve an integer to double precision.
        "CREATE OR REPLACE FUNCTION public.rs_super(smallint) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(integer) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(bigint) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(numeric) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_json($1) $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(double precision) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ " +
            "SELECT (CASE WHEN $1::text ~ '[eE]' THEN $1::text ELSE $1::text || 'e+0' END)::json $$",
        "CREATE OR REPLACE FUNCTION public.rs_super(real) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS $$ " +
            "SELECT (CASE WHEN $1::text ~ '[eE]' THEN $1::text ELSE $1::text || 'e+0' END)::json $$",
    ];

    private const string DateFormats =
        "['%m/%d/%Y', '%m/%d/%y', '%m-%d-%Y', '%b %d,%Y', '%b %d, %Y', '%B %d,%Y', '%B %d, %Y', '%Y-%b-%d', '%d-%b-%Y', '%b-%d-%Y', " +
        "'%Y%m%d', '%y%m%d', '%Y.%j', '%d %b %Y', '%Y/%m/%d']";

    private const string TimestampFormats =
        "['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M:%S.%f', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%Y%m%d %H:%M:%S', '%Y%m%d %H%M%S', '%Y%m%d', " +
        "'%b %d,%Y %H:%M:%S', '%b %d, %Y %H:%M:%S', '%b %d,%Y', '%b %d, %Y', '%B %d, %Y %H:%M:%S', '%B %d, %Y', '%d %b %Y %H:%M:%S', " +
        "'%Y-%b-%d %H:%M:%S', '%d-%b-%Y %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%m/%d/%Y %I:%M:%S %p', '%Y-%m-%d %I:%M:%S %p']";

    /// <summary>
    /// The function a value stored in a column of <paramref name="type"/> goes through on this backend (see
    /// <see cref="InsertRewriter"/>), or null when the engine stores it as Redshift does.
    /// </summary>
    public static string? Conversion(IDatabaseBackend backend, RsTypeInfo type) => type.Type switch
    {
        RsType.Super => "public.rs_super",
        RsType.Date when backend is DuckDbBackend => "public.rs_date",
        RsType.Timestamp when backend is DuckDbBackend => "public.rs_timestamp",
        _ => null,
    };

    /// <summary>Installs the functions on the backend (idempotent: CREATE OR REPLACE).</summary>
    public static async Task InstallAsync(IDatabaseBackend backend, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (string sql in backend is PostgresBackend ? Postgres : DuckDb)
        {
            await using var command = connection.CreateCommand(sql, []);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
