namespace Ocean.Kernel.Proc;

/// <summary>The user half of every address space.</summary>
public static class UserLayout
{
    public const ulong PageSize = Ocean.Abi.UserSpace.PageSize;
    /// <summary>Programs are linked at 0x400000; nothing is mapped below 64 KiB.</summary>
    public const ulong LowestAddress = 0x10000;
    public const ulong StackTop = 0x0000_7FFF_FFFF_E000;
    public const ulong StackPages = 32;
    public const ulong StackBottom = StackTop - StackPages * PageSize;
    /// <summary>Anonymous mappings grow down from here; programs must end below it.</summary>
    public const ulong MmapTop = Ocean.Abi.UserSpace.MmapTop;
    /// <summary>End of the user half: every user pointer must lie below it.</summary>
    public const ulong UserEnd = Ocean.Abi.UserSpace.End;

    public const ulong UserCodeSelector = 0x23, UserDataSelector = 0x1B;
    /// <summary>RFLAGS for user code: interrupts enabled (bit 9) and the always-one bit 1.</summary>
    public const ulong InitialFlags = 0x202;
}
