namespace Ocean.Servers.Mem;

using Ocean.Abi;

/// <summary>
/// The server's copies of processes' layout words (<see cref="SpaceLayout"/>), one place per pid
/// modulo the capacity. Only a cache: the kernel keeps the words and refuses a change made against an
/// outdated copy (ESTALE, with the current words), so a copy lost to another pid, or left behind by an
/// exec or a process's end, costs one more system call and never a wrong decision.
/// </summary>
public sealed class LayoutCache
{
    private const int Capacity = 256;
    private readonly long[] _pids = new long[Capacity];
    private readonly SpaceLayout[] _layouts = new SpaceLayout[Capacity];

    /// <summary>The copy for <paramref name="pid"/>: the last words seen, or all zero (unknown).</summary>
    public ref SpaceLayout For(long pid)
    {
        int index = (int)((ulong)pid % Capacity);
        if (_pids[index] != pid)
        {
            _pids[index] = pid;
            _layouts[index] = default;
        }
        return ref _layouts[index];
    }
}
