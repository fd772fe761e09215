using System.Reflection;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Parsing;
using GeneratorQueries = RedshiftTyped.Generator.Queries;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// What the pipeline caches must be plain, value-equal data: a Roslyn type in a model pins compilations in memory and
/// breaks caching; a type without value equality makes every step look modified.
/// </summary>
public sealed class ModelShapeTests
{
    private static readonly Type[] Roots =
        [
            typeof(ParseResult), typeof(TableEmitPlan), typeof(NamingPlan), typeof(GeneratorOptions), typeof(LocatedTableKey),
            typeof(GeneratorQueries.QueryFileParse), typeof(GeneratorQueries.QuerySnapshotParse), typeof(GeneratorQueries.QueryPlanSet),
        ];

    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Reachable().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelTypeHoldsNoRoslynTypes(Type type)
    {
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var used in Expand(field.FieldType))
            {
                Assert.False(
                    used.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
                    $"{type.Name}.{field.Name} holds the Roslyn type {used.FullName}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelTypeIsEquatable(Type type)
    {
        if (type.IsEnum)
        {
            return;
        }

        Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type.Name} does not implement IEquatable<{type.Name}>.");
    }

    [Fact]
    public void TheShapeCheckSeesTheWholeModel()
    {
        var types = Reachable();
        Assert.Contains(typeof(ColumnModel), types);
        Assert.Contains(typeof(DiagnosticInfo), types);
        Assert.Contains(typeof(TableNaming), types);
        Assert.Contains(typeof(EquatableArray<ColumnModel>), types);
        Assert.Contains(typeof(GeneratorQueries.QueryEmitPlan), types);
        Assert.Contains(typeof(GeneratorQueries.QueryParameterModel), types);
    }

    [Fact]
    public void ParsingTheSameTextTwiceGivesEqualButDistinctModels()
    {
        var (path, text) = SnapshotFiles.Load("synthetic").Single(f => f.Path.EndsWith("all_types.json", StringComparison.Ordinal));
        var first = SnapshotParser.Parse(path, SourceText.From(text), GeneratorOptions.Default, CancellationToken.None);
        var second = SnapshotParser.Parse(path, SourceText.From(text), GeneratorOptions.Default, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotNull(first.Table);
    }

    private static HashSet<Type> Reachable()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(Roots);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (type.Assembly != typeof(RedshiftSchemaGenerator).Assembly || !seen.Add(type))
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                foreach (var used in Expand(field.FieldType))
                {
                    pending.Push(used);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsArray)
        {
            inner = inner.GetElementType()!;
        }

        yield return inner;
        if (inner.IsGenericType)
        {
            yield return inner.GetGenericTypeDefinition() == typeof(EquatableArray<>) ? inner : inner.GetGenericTypeDefinition();
            foreach (var argument in inner.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }
}
