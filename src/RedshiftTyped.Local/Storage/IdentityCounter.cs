using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Storage;

/// <summary>
/// The server's counter for one IDENTITY column. Redshift's identity values follow seed and step but are not
/// consecutive across slices (r_CREATE_TABLE_NEW.md: "INSERT … VALUES" rows start at seed and increment by step;
/// rows loaded in parallel by "INSERT INTO … SELECT" or COPY skip values). The emulation is that of a two-slice node,
/// the one the guide's outputs come from: a statement that stores one row takes the next value (1, 2, 3 in
/// r_CREATE_TABLE_examples.md), a statement that stores several takes every other value (0, 2, 4, then 6, 8, 10 for
/// two three-row inserts into identity(0,1) in IS_VALID_JSON.md). Values are unique within the server's lifetime.
/// </summary>
internal sealed class IdentityCounter(IdentitySpec spec)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextSlot;

    public IdentitySpec Spec => spec;

    /// <summary>The next free slot; read while holding the counter.</summary>
    public long NextSlot => _nextSlot;

    /// <summary>The value of a slot: seed + step × slot.</summary>
    public long Value(long slot) => checked(spec.Seed + spec.Step * slot);

    /// <summary>Holds the counter for one statement (inserts into one table run one at a time).</summary>
    public void Enter(CancellationToken cancellationToken) => _gate.Wait(cancellationToken);

    public void Exit() => _gate.Release();

    /// <summary>Marks <paramref name="slots"/> slots used once the statement that took them has succeeded.</summary>
    public void Advance(long slots) => _nextSlot += slots;
}
