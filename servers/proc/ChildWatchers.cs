namespace Ocean.Servers.Proc;

using Ocean.Abi;

/// <summary>
/// The processes that asked to hear of their children's ends (ChildNotify; init does): each one's
/// pid, its notification (a capability kept in proc's slot <see cref="FirstSlot"/> + index) and the
/// bits to signal. A watcher's own end forgets it.
/// </summary>
public sealed class ChildWatchers
{
    public const int Capacity = 16;
    /// <summary>proc's slots FirstSlot .. FirstSlot + Capacity - 1 hold the watchers' notifications.</summary>
    public const int FirstSlot = 16;

    private readonly long[] _pids = new long[Capacity];   // 0: free
    private readonly ulong[] _bits = new ulong[Capacity];

    /// <summary>
    /// <paramref name="pid"/> hears of its children's ends through the notification now in
    /// <paramref name="landedSlot"/> (kept by this table from here on, replacing an earlier one); 0 or -ENOSPC.
    /// </summary>
    public long Watch(long pid, long landedSlot, ulong bits)
    {
        int index = IndexOf(pid);
        if (index < 0)
            index = IndexOf(0);
        if (index < 0)
        {
            Ipc.Delete(landedSlot);
            return -Errno.ENOSPC;
        }
        if (_pids[index] != 0)
            Ipc.Delete(FirstSlot + index);
        if (Ipc.Move(landedSlot, FirstSlot + index) < 0)
        {
            Ipc.Delete(landedSlot);
            _pids[index] = 0;
            return -Errno.ENOSPC;
        }
        _pids[index] = pid;
        _bits[index] = bits;
        return 0;
    }

    /// <summary><paramref name="pid"/> no longer watches (it asked, or it ended).</summary>
    public void Forget(long pid)
    {
        int index = IndexOf(pid);
        if (index < 0)
            return;
        Ipc.Delete(FirstSlot + index);
        _pids[index] = 0;
    }

    /// <summary>A child of <paramref name="parent"/> ended.</summary>
    public void Tell(long parent)
    {
        int index = IndexOf(parent);
        if (index >= 0)
            Notifications.Signal(FirstSlot + index, _bits[index]);
    }

    /// <summary>Some ends went unrecorded: every watcher looks for itself.</summary>
    public void TellAll()
    {
        for (int i = 0; i < Capacity; i++)
            if (_pids[i] != 0)
                Notifications.Signal(FirstSlot + i, _bits[i]);
    }

    private int IndexOf(long pid)
    {
        for (int i = 0; i < Capacity; i++)
            if (_pids[i] == pid)
                return i;
        return -1;
    }
}
