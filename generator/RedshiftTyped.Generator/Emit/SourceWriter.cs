using System.Text;

namespace RedshiftTyped.Generator.Emit;

/// <summary>An indenting text writer with LF line ends, so generated files are the same on every OS.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();

    public int Indentation { get; set; }

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', Indentation * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>A preprocessor directive, at the start of its line as C# style has it.</summary>
    public SourceWriter Directive(string text)
    {
        _builder.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        Indentation++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        Indentation--;
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
