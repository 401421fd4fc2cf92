namespace Ocean.Tests.Fuzz;

/// <summary>Where a pointer argument points.</summary>
public enum PointerKind
{
    Null,
    LowUnmapped,
    Scratch,
    ScratchStraddle,
    Hhdm,
    KernelImage,
    NonCanonical,
    Text,
    UserEndStraddle,
    Random,
    GrantWindow,
    Junk,
    TopOfAddressSpace,
}

/// <summary>
/// The menus arguments are drawn from: pointers good and bad, lengths from zero to absurd,
/// capability slots, descriptors and plain numbers, each mostly plausible and sometimes hostile.
/// </summary>
public static class Menus
{
    public const ulong LowUnmapped = 0x1000;
    public const ulong Hhdm = 0xFFFF_8000_0000_0000;
    public const ulong KernelImage = 0xFFFF_FFFF_8000_0000;
    public const ulong UserText = 0x40_0000;
    public const ulong UserEnd = 0x0000_8000_0000_0000;
    public const ulong GrantWindows = 0x0000_7F00_0000_0000;
    public const int Slots = 64;

    public static ulong Pointer(ref Prng random, out PointerKind kind)
    {
        kind = (PointerKind)random.Below((int)PointerKind.TopOfAddressSpace + 1);
        // Valid buffers half the time, so calls get past their checks and do their work.
        if (random.OneIn(2))
            kind = PointerKind.Scratch;
        return Address(ref random, kind);
    }

    /// <summary>A pointer no call may use at all: nothing mapped there for the caller.</summary>
    public static ulong InvalidPointer(ref Prng random, out PointerKind kind)
    {
        do
            kind = (PointerKind)random.Below((int)PointerKind.TopOfAddressSpace + 1);
        while (!IsInvalid(kind));
        return Address(ref random, kind);
    }

    public static bool IsInvalid(PointerKind kind) => kind is PointerKind.Null or PointerKind.LowUnmapped or PointerKind.Hhdm or
        PointerKind.KernelImage or PointerKind.NonCanonical or PointerKind.UserEndStraddle or PointerKind.TopOfAddressSpace;

    public static ulong Address(ref Prng random, PointerKind kind) => kind switch
    {
        PointerKind.Null => 0,
        PointerKind.LowUnmapped => LowUnmapped + random.Below(0x8000UL),
        // Mostly aligned, sometimes not.
        PointerKind.Scratch => Arena.Scratch + (random.Below(Arena.ScratchBytes - 64) & (random.OneIn(4) ? ~0UL : ~7UL)),
        PointerKind.ScratchStraddle => Arena.ScratchEnd - 1 - random.Below(64UL),
        PointerKind.Hhdm => Hhdm + random.Below(1UL << 30) * 8,
        PointerKind.KernelImage => KernelImage + random.Below(1UL << 20),
        PointerKind.NonCanonical => NonCanonical(random.Below(4)) + random.Below(64UL),
        PointerKind.Text => UserText + random.Below(0x1000UL),
        PointerKind.UserEndStraddle => UserEnd - 1 - random.Below(64UL),
        PointerKind.Random => random.Next(),
        PointerKind.GrantWindow => GrantWindows + random.Below(1UL << 24),
        PointerKind.Junk => Arena.Junk + random.Below(Arena.JunkBytes),
        _ => ~0UL - random.Below(64UL),
    };

    private static ulong NonCanonical(int which) => which switch
    {
        0 => 0x0000_8000_0000_0000,   // just past the user half
        1 => 0x0000_9000_0000_0000,
        2 => 0x8000_0000_0000_0000,
        _ => 0xFFFF_7FFF_FFFF_F000,   // just below the kernel half
    };

    public static ulong Length(ref Prng random) => random.Below(12) switch
    {
        0 => 0,
        1 => 1 + random.Below(16UL),
        2 or 3 => 1 + random.Below(4096UL),
        4 => (1 + random.Below(16UL)) * Arena.PageSize,
        5 => Arena.ScratchBytes,
        6 => 1UL << (int)random.Below(64UL),
        7 => ~0UL - random.Below(16UL),
        8 => UserEnd,
        9 => 0x7FFF_FFFF_FFFF_FFFF,
        10 => 1 + random.Below(256UL),
        _ => random.Next(),
    };

    /// <summary>A length for <paramref name="address"/> that makes address + length wrap or land exactly on 2^64.</summary>
    public static ulong WrappingLength(ref Prng random, ulong address) => 0 - address + random.Below(3UL) * 0x1000;

    public static long Slot(ref Prng random) => random.Below(16) switch
    {
        0 => -1,
        1 => Slots + (long)random.Below(8UL),
        2 => (long)(random.Next() >> 1),
        3 => long.MinValue + (long)random.Below(4UL),
        4 => (1L << 32) + (long)random.Below((ulong)Slots),
        _ => (long)random.Below((ulong)Slots),
    };

    /// <summary>Any number at all, small ones favoured.</summary>
    public static ulong Word(ref Prng random) => random.Below(8) switch
    {
        0 => 0,
        1 or 2 => random.Below(64UL),
        3 => ~0UL,
        4 => random.Next() >> (int)random.Below(64UL),
        _ => random.Next(),
    };
}
