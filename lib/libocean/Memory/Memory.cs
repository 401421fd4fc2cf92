namespace Ocean;

using Ocean.Abi;

/// <summary>
/// brk, mmap, munmap and mprotect for the calling process: requests to the memory server
/// (<see cref="MemClient"/>), which places memory and asks the kernel to map it. The memory server's
/// own process, which cannot call itself, applies the same rules (<see cref="MemoryPolicy"/>) to its
/// own address space directly; it knows itself by the capability only it holds. Safe to call before
/// statics exist: the heap grows through here while the runtime starts.
/// </summary>
public static unsafe class Memory
{
    private const int Unknown = 0, Client = 1, Server = 2;
    private static int _role;
    private static SpaceLayout _own;

    /// <summary>Moves the break to <paramref name="address"/> (0 asks); returns the break in effect (the old one when refused).</summary>
    public static long Brk(ulong address) =>
        IsServer ? MemoryPolicy.Brk(SystemServerSlot.Authority, Syscall.GetPid(), ref _own, address, ulong.MaxValue) : MemClient.Brk(address);

    /// <summary>Zeroed anonymous memory of <paramref name="length"/> bytes; the address or a negative errno (EINVAL, ENOMEM). The hint is ignored.</summary>
    public static long Map(ulong hint, ulong length, ulong protection) =>
        IsServer ? MemoryPolicy.Map(SystemServerSlot.Authority, Syscall.GetPid(), ref _own, length, protection, ulong.MaxValue) : MemClient.Map(length, protection);

    /// <summary>Unmaps [address, address + length); 0 or a negative errno (EINVAL).</summary>
    public static long Unmap(ulong address, ulong length) =>
        IsServer ? MemoryPolicy.Unmap(SystemServerSlot.Authority, Syscall.GetPid(), ref _own, address, length) : MemClient.Unmap(address, length);

    /// <summary>Changes the protection of [address, address + length); 0 or a negative errno (EINVAL, ENOMEM, EACCES).</summary>
    public static long Protect(ulong address, ulong length, ulong protection) =>
        IsServer ? MemoryPolicy.Protect(SystemServerSlot.Authority, Syscall.GetPid(), ref _own, address, length, protection) : MemClient.Protect(address, length, protection);

    private static bool IsServer
    {
        get
        {
            if (_role == Unknown)
            {
                long identity = Ipc.Identify(SystemServerSlot.Authority);
                _role = identity >= 0 && ((identity >> 8) & 0xFF) == (long)ObjectKind.AddressSpaces ? Server : Client;
            }
            return _role == Server;
        }
    }
}
