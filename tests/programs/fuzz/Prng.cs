namespace Ocean.Tests.Fuzz;

/// <summary>xorshift64*: a small, fast generator whose whole run follows from the seed, so a failing seed replays.</summary>
public struct Prng
{
    private const ulong Multiplier = 0x2545F4914F6CDD1D;
    // splitmix64's constants: neighbouring seeds start far apart, and no seed gives the all-zero state.
    private const ulong Golden = 0x9E3779B97F4A7C15, Mix1 = 0xBF58476D1CE4E5B9, Mix2 = 0x94D049BB133111EB;

    private ulong _state;

    public Prng(ulong seed)
    {
        ulong z = seed + Golden;
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        _state = (z ^ (z >> 31)) | 1;
    }

    public ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * Multiplier;
    }

    /// <summary>A number in 0..<paramref name="bound"/>-1.</summary>
    public ulong Below(ulong bound) => bound == 0 ? 0 : Next() % bound;

    public int Below(int bound) => (int)Below((ulong)bound);

    /// <summary>True with probability 1/<paramref name="odds"/>.</summary>
    public bool OneIn(int odds) => Below(odds) == 0;
}
