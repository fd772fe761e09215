using System.Runtime.CompilerServices;

namespace RedshiftTyped.Reading.Rows;

/// <summary>
/// One column of a page of untyped rows, shared by the page's <see cref="RedshiftRow"/>s: values held unboxed in an
/// array of their .NET type (<see cref="ValueColumn{T}"/>), or as references (<see cref="ReferenceColumn"/>: strings,
/// byte arrays, types the runtime does not know). A value is boxed only when read as an object.
/// </summary>
internal abstract class RowColumn
{
    /// <summary>How many rows hold a value (or NULL).</summary>
    public abstract int Count { get; }

    /// <summary>Whether the row's value is NULL.</summary>
    public abstract bool IsNull(int row);

    /// <summary>The row's value as <see cref="Values.RedshiftValueDecoder"/> gives it (boxed), null for NULL.</summary>
    public abstract object? GetValue(int row);

    /// <summary>
    /// The row's value as <typeparamref name="T"/>, unboxed when <typeparamref name="T"/> is the column's type or its
    /// nullable form. NULL is <c>default</c> when <paramref name="nullAsDefault"/>, else null for a reference or nullable
    /// type and an <see cref="InvalidCastException"/> for a value type; another type is an <see cref="InvalidCastException"/>.
    /// </summary>
    public abstract T Read<T>(int row, string column, bool nullAsDefault);

    /// <summary>Adds a NULL.</summary>
    public abstract void AppendNull();

    /// <summary>
    /// Adds a value as <see cref="Values.RedshiftValueDecoder"/> gives it (already boxed): unboxed into the column's array
    /// when it is of the column's type, kept as the object otherwise (a documented fallback such as a date's text).
    /// </summary>
    public abstract void AppendBoxed(object? value);

    /// <summary>A value (boxed, or null) as <typeparamref name="T"/>, by the rules of <see cref="Read{T}"/>.</summary>
    internal static T Cast<T>(object? value, string column, bool nullAsDefault) => value switch
    {
        null when nullAsDefault || default(T) is null => default!,
        null => throw new InvalidCastException(
            $"Column \"{column}\" is NULL, which type {typeof(T).Name} cannot hold: check IsNull first, or read it as {typeof(T).Name}?."),
        T typed => typed,
        _ => throw new InvalidCastException($"Column \"{column}\" holds a value of type {value.GetType().Name}, not {typeof(T).Name}: read it as {value.GetType().Name}."),
    };

    /// <summary>The capacity after <paramref name="capacity"/> is full.</summary>
    protected static int Grow(int capacity) => Math.Max(16, capacity * 2);
}

/// <summary>
/// A column whose values are of one value type (int, decimal, DateTime, …), held unboxed. A value of another type
/// (Redshift's documented fallbacks: a timestamp beyond .NET's years as its text, an interval with months) is kept aside
/// as an object, and only then.
/// </summary>
internal sealed class ValueColumn<T> : RowColumn
    where T : struct
{
    private const byte HasValue = 0;
    private const byte IsNullState = 1;
    private const byte IsOther = 2;

    private T[] _values;
    private byte[] _states;
    private object?[]? _others;
    private int _count;

    /// <param name="capacity">The rows expected (the arrays grow past it).</param>
    public ValueColumn(int capacity)
    {
        _values = new T[capacity];
        _states = new byte[capacity];
    }

    public override int Count => _count;

    public override bool IsNull(int row) => State(row) == IsNullState;

    public override object? GetValue(int row) => State(row) switch
    {
        HasValue => _values[row],
        IsNullState => null,
        _ => _others![row],
    };

    /// <summary>
    /// The value itself (no boxing); NULL is <c>default</c> when <paramref name="nullAsDefault"/>, else an
    /// <see cref="InvalidCastException"/>; a fallback value of another type is an <see cref="InvalidCastException"/>.
    /// </summary>
    public T Get(int row, string column, bool nullAsDefault)
        => State(row) == HasValue ? _values[row] : Cast<T>(GetValue(row), column, nullAsDefault);

    /// <summary>The row's value when it is of the column's type (false for NULL and for a fallback value of another type).</summary>
    public bool TryGetValue(int row, out T value)
    {
        if (State(row) == HasValue)
        {
            value = _values[row];
            return true;
        }

        value = default;
        return false;
    }

    public override TOut Read<TOut>(int row, string column, bool nullAsDefault)
    {
        byte state = State(row);
        if (state == HasValue)
        {
            // Folded by the JIT per TOut: the column's own type and its nullable form are read without boxing.
            if (typeof(TOut) == typeof(T))
            {
                return Unsafe.As<T, TOut>(ref _values[row]);
            }

            if (typeof(TOut) == typeof(T?))
            {
                T? value = _values[row];
                return Unsafe.As<T?, TOut>(ref value);
            }
        }

        return Cast<TOut>(GetValue(row), column, nullAsDefault);
    }

    public void Append(T value)
    {
        int row = Reserve();
        _values[row] = value;
        _states[row] = HasValue;
    }

    public override void AppendNull()
    {
        // Reserve first: it may replace _states, which an indexer evaluated before it would still hold.
        int row = Reserve();
        _states[row] = IsNullState;
    }

    public override void AppendBoxed(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case T typed:
                Append(typed);
                break;
            default:
                int row = Reserve();
                _others ??= new object?[_values.Length];
                _others[row] = value;
                _states[row] = IsOther;
                break;
        }
    }

    private byte State(int row) => (uint)row < (uint)_count ? _states[row] : throw new ArgumentOutOfRangeException(nameof(row));

    private int Reserve()
    {
        if (_count == _values.Length)
        {
            int capacity = Grow(_values.Length);
            Array.Resize(ref _values, capacity);
            Array.Resize(ref _states, capacity);
            if (_others is not null)
            {
                Array.Resize(ref _others, capacity);
            }
        }

        return _count++;
    }
}

/// <summary>A column of references (strings, byte arrays, values of a type the runtime does not know), null for NULL.</summary>
internal sealed class ReferenceColumn(int capacity) : RowColumn
{
    private object?[] _values = new object?[capacity];
    private int _count;

    public override int Count => _count;

    public override bool IsNull(int row) => GetValue(row) is null;

    public override object? GetValue(int row) => (uint)row < (uint)_count ? _values[row] : throw new ArgumentOutOfRangeException(nameof(row));

    public override T Read<T>(int row, string column, bool nullAsDefault) => Cast<T>(GetValue(row), column, nullAsDefault);

    public override void AppendNull() => AppendBoxed(null);

    public override void AppendBoxed(object? value)
    {
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, Grow(_values.Length));
        }

        _values[_count++] = value;
    }
}
