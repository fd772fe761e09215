using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Syntax;

/// <summary>
/// A recursive-descent parser for the Redshift statements the dialect layer translates: queries (SELECT, VALUES,
/// set operations, WITH), INSERT, UPDATE, DELETE, MERGE, CREATE TABLE AS and CREATE VIEW. Anything else (DDL with
/// column definitions, SET, COPY, …) throws <see cref="DialectSyntaxException"/> and runs as written. Expressions
/// use precedence climbing in PostgreSQL's order (Redshift's parser descends from it). Identifiers fold to lower
/// case, quoted ones too, as Redshift does while <c>enable_case_sensitive_identifier</c> is off
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html).
/// </summary>
internal sealed partial class Parser
{
    private readonly TokenCursor _cursor;
    private readonly bool _caseSensitive;

    private Parser(string sql, bool caseSensitiveIdentifiers)
    {
        _cursor = new TokenCursor(SqlLexer.Tokenize(sql));
        _caseSensitive = caseSensitiveIdentifiers;
    }

    /// <summary>Parses one statement (a trailing semicolon is allowed).</summary>
    /// <exception cref="DialectSyntaxException">The statement is not one the dialect layer translates.</exception>
    public static Statement Parse(string sql, bool caseSensitiveIdentifiers = false)
    {
        var parser = new Parser(sql, caseSensitiveIdentifiers);
        var statement = parser.ParseStatement();
        parser._cursor.TrySymbol(";");
        if (!parser._cursor.AtEnd)
        {
            throw parser._cursor.Error("syntax error");
        }

        return statement;
    }

    private TokenCursor C => _cursor;

    private Statement ParseStatement()
    {
        if (C.IsWord("select") || C.IsWord("with") || C.IsWord("values") || C.IsSymbol("("))
        {
            return new SelectStatement(ParseQuery());
        }

        if (C.TryWord("insert")) return ParseInsert();
        if (C.TryWord("update")) return ParseUpdate();
        if (C.TryWord("delete")) return ParseDelete();
        if (C.TryWord("merge")) return ParseMerge();
        if (C.IsWord("create")) return ParseCreate();
        throw C.Error("not a statement the dialect layer translates");
    }

    private InsertStatement ParseInsert()
    {
        C.ExpectWord("into");
        var table = ParseQualifiedName();
        var columns = new List<Ident>();
        if (C.IsSymbol("(") && !StartsQuery(1))
        {
            C.Next();
            do columns.Add(ParseIdent());
            while (C.TrySymbol(","));
            C.ExpectSymbol(")");
        }

        if (C.TryWords("default", "values"))
        {
            return new InsertStatement(table, columns, null) { DefaultValues = true };
        }

        return new InsertStatement(table, columns, ParseQuery());
    }

    private UpdateStatement ParseUpdate()
    {
        var table = ParseQualifiedName();
        var alias = ParseOptionalAlias();
        C.ExpectWord("set");
        var assignments = new List<Assignment>();
        do assignments.Add(ParseAssignment());
        while (C.TrySymbol(","));
        var from = C.TryWord("from") ? ParseFromList() : [];
        var where = C.TryWord("where") ? ParseExpr() : null;
        return new UpdateStatement(table, alias, assignments, from, where);
    }

    private Assignment ParseAssignment()
    {
        var columns = new List<Ident>();
        if (C.TrySymbol("("))
        {
            do columns.Add(ParseIdent());
            while (C.TrySymbol(","));
            C.ExpectSymbol(")");
        }
        else
        {
            columns.Add(ParseIdent());
            // SET t.col = … : the table qualifier is dropped, as Redshift allows.
            while (C.TrySymbol(".")) columns[^1] = ParseIdent();
        }

        C.ExpectSymbol("=");
        return new Assignment(columns, ParseExpr());
    }

    private DeleteStatement ParseDelete()
    {
        C.TryWord("from");
        var table = ParseQualifiedName();
        var alias = ParseOptionalAlias();
        var usingItems = C.TryWord("using") ? ParseFromList() : [];
        var where = C.TryWord("where") ? ParseExpr() : null;
        return new DeleteStatement(table, alias, usingItems, where);
    }

    private MergeStatement ParseMerge()
    {
        C.ExpectWord("into");
        var target = ParseQualifiedName();
        var alias = ParseOptionalAlias();
        C.ExpectWord("using");
        var source = ParseFromPrimary([]);
        C.ExpectWord("on");
        var on = ParseExpr();
        var actions = new List<MergeAction>();
        while (C.TryWord("when"))
        {
            string when = C.TryWord("not") ? "not matched" : "matched";
            C.ExpectWord("matched");
            Expr? condition = C.TryWord("and") ? ParseExpr() : null;
            C.ExpectWord("then");
            if (C.TryWord("delete"))
            {
                actions.Add(new MergeAction(when, condition, "delete", [], [], []));
            }
            else if (C.TryWord("update"))
            {
                C.ExpectWord("set");
                var set = new List<Assignment>();
                do set.Add(ParseAssignment());
                while (C.TrySymbol(","));
                actions.Add(new MergeAction(when, condition, "update", set, [], []));
            }
            else
            {
                C.ExpectWord("insert");
                var columns = new List<Ident>();
                if (C.TrySymbol("("))
                {
                    do columns.Add(ParseIdent());
                    while (C.TrySymbol(","));
                    C.ExpectSymbol(")");
                }

                C.ExpectWord("values");
                C.ExpectSymbol("(");
                var values = ParseExprList();
                C.ExpectSymbol(")");
                actions.Add(new MergeAction(when, condition, "insert", [], columns, values));
            }
        }

        if (actions.Count == 0) throw C.Error("expected WHEN");
        return new MergeStatement(target, alias, source, on, actions);
    }

    private Statement ParseCreate()
    {
        C.ExpectWord("create");
        bool orReplace = C.TryWords("or", "replace");
        if (C.TryWord("view"))
        {
            var name = ParseQualifiedName();
            var columns = C.IsSymbol("(") ? ParseIdentList() : [];
            C.ExpectWord("as");
            var query = ParseQuery();
            string tail = "";
            if (C.TryWords("with", "no", "schema", "binding")) tail = " WITH NO SCHEMA BINDING";
            return new CreateView(orReplace, name, columns, query, tail);
        }

        if (orReplace) throw C.Error("unsupported CREATE OR REPLACE");
        C.TryWord("local");
        bool temporary = C.TryWord("temp") || C.TryWord("temporary");
        C.ExpectWord("table");
        bool ifNotExists = C.TryWords("if", "not", "exists");
        var table = ParseQualifiedName();
        var names = new List<Ident>();
        if (C.IsSymbol("("))
        {
            // CREATE TABLE t (a, b) AS …: names only; a column definition list is the DDL translator's.
            C.Next();
            do names.Add(ParseIdent());
            while (C.TrySymbol(","));
            if (!C.TrySymbol(")")) throw C.Error("a column definition list");
        }

        // Physical-design attributes stay as written: the DDL translator strips them.
        var attributes = new System.Text.StringBuilder();
        while (!C.AtEnd && !C.IsWord("as"))
        {
            attributes.Append(' ').Append(C.Next().Text);
        }

        C.ExpectWord("as");
        return new CreateTableAs(temporary, ifNotExists, table, names, attributes.ToString(), ParseQuery());
    }

    private List<Ident> ParseIdentList()
    {
        C.ExpectSymbol("(");
        var list = new List<Ident>();
        do list.Add(ParseIdent());
        while (C.TrySymbol(","));
        C.ExpectSymbol(")");
        return list;
    }

    // ---------------------------------------------------------------- names

    /// <summary>Words that end an expression or a FROM item, so they are never taken as a bare alias.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        // Redshift's reserved words (https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html) that can follow an expression.
        "all", "and", "any", "as", "asc", "between", "both", "case", "cast", "check", "collate", "connect", "constraint", "create",
        "cross", "default", "desc", "distinct", "do", "else", "end", "except", "false", "for", "foreign", "from", "full", "grant",
        "group", "having", "ilike", "in", "inner", "intersect", "into", "is", "isnull", "join", "leading", "left", "like", "limit",
        "minus", "natural", "not", "notnull", "null", "nulls", "offset", "on", "only", "or", "order", "outer", "overlaps", "partition",
        "pivot", "placing", "primary", "references", "right", "select", "similar", "some", "start", "table", "then", "to", "top",
        "trailing", "true", "union", "unique", "unpivot", "using", "when", "where", "with", "without",
        // Clause words of this dialect layer that are not reserved in Redshift but cannot be a bare alias here.
        "qualify", "window", "lateral", "at", "returning", "fetch", "values", "set", "over", "within", "filter", "ignore", "respect",
        "escape",
    };

    /// <summary>An identifier, folded: unquoted and quoted names to lower case (quoted keep case only when case sensitivity is on).</summary>
    private Ident ParseIdent()
    {
        var token = C.Current;
        if (token.Kind == SqlTokenKind.QuotedIdentifier)
        {
            C.Next();
            string name = token.Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            return new Ident(_caseSensitive ? name : name.ToLowerInvariant(), Quoted: true);
        }

        if (token.Kind == SqlTokenKind.Word)
        {
            C.Next();
            return new Ident(token.Text.ToLowerInvariant(), Quoted: false);
        }

        throw C.Error("expected a name");
    }

    private bool AtIdent(int offset = 0) => C.Peek(offset).Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    private QualifiedName ParseQualifiedName()
    {
        var parts = new List<Ident> { ParseIdent() };
        while (C.IsSymbol(".") && AtIdent(1))
        {
            C.Next();
            parts.Add(ParseIdent());
        }

        return new QualifiedName(parts);
    }

    /// <summary><c>[AS] alias</c>; a bare word is an alias only when it is not a clause word.</summary>
    private Ident? ParseOptionalAlias()
    {
        if (C.TryWord("as")) return ParseIdent();
        if (C.Current.Kind == SqlTokenKind.QuotedIdentifier) return ParseIdent();
        if (C.Current.Kind == SqlTokenKind.Word && !Reserved.Contains(C.Current.Text)) return ParseIdent();
        return null;
    }

    private bool StartsQuery(int offset)
    {
        int i = offset;
        while (C.IsSymbol("(", i)) i++;
        return C.IsWord("select", i) || C.IsWord("with", i) || C.IsWord("values", i);
    }
}
