namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>
/// The only way the kernel touches user memory: every range is checked against the address space
/// it belongs to, the current process's unless another is named (user half, mapped, user-accessible,
/// writable for writes; copy-on-write pages are copied first) and then copied through the HHDM, so a
/// bad pointer is -EFAULT, never a kernel fault, and SMAP never has to be opened. Another process is
/// named only while it waits for the current one (the process server's exec reads its caller's
/// arguments), so its tables hold still.
/// </summary>
public static unsafe class UserMemory
{
    private const ulong PageSize = UserLayout.PageSize;

    /// <summary>The HHDM address behind a user address of <paramref name="process"/>, or null when the access is not allowed.</summary>
    private static byte* Resolve(Process process, ulong address, bool write)
    {
        if (address >= UserLayout.UserEnd)
            return null;
        PageTable* space = Processes.SpaceOf(process);
        ulong page = address & ~(PageSize - 1);
        ulong entry = UserStack.Entry(space, page);
        if ((entry & PageTable.Present) == 0 || (entry & PageTable.User) == 0)
            return null;
        if (write && (entry & PageTable.Writable) == 0)
        {
            if ((entry & PageTable.CopyOnWrite) == 0 || !CopyOnWrite.Break(process, page))
                return null;
            entry = space->LeafEntry(page);
        }
        return (byte*)PhysicalMemory.ToVirtual(PageTable.EntryAddress(entry)) + (address - page);
    }

    private static byte* Resolve(ulong address, bool write) => Resolve(Processes.Current, address, write);

    private static bool RangeOk(ulong address, ulong length) =>
        address < UserLayout.UserEnd && length <= UserLayout.UserEnd - address;

    /// <summary>0 when every byte of the range may be written by the current process, else -EFAULT.</summary>
    public static long CheckWritable(ulong address, ulong length)
    {
        if (!RangeOk(address, length))
            return -Errno.EFAULT;
        for (ulong page = address & ~(PageSize - 1); page < address + length; page += PageSize)
            if (Resolve(page < address ? address : page, true) == null)
                return -Errno.EFAULT;
        return 0;
    }

    public static long CopyFrom(void* destination, ulong source, ulong length) => CopyFrom(Processes.Current, destination, source, length);

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="source"/> in <paramref name="process"/>; 0 or -EFAULT.</summary>
    public static long CopyFrom(Process process, void* destination, ulong source, ulong length)
    {
        if (!RangeOk(source, length))
            return -Errno.EFAULT;
        for (ulong done = 0; done < length;)
        {
            byte* from = Resolve(process, source + done, false);
            if (from == null)
                return -Errno.EFAULT;
            ulong chunk = PageSize - ((source + done) & (PageSize - 1));
            if (chunk > length - done)
                chunk = length - done;
            System.Buffer.Memmove((byte*)destination + done, from, (nuint)chunk);
            done += chunk;
        }
        return 0;
    }

    public static long CopyTo(ulong destination, void* source, ulong length)
    {
        if (!RangeOk(destination, length))
            return -Errno.EFAULT;
        for (ulong done = 0; done < length;)
        {
            byte* to = Resolve(destination + done, true);
            if (to == null)
                return -Errno.EFAULT;
            ulong chunk = PageSize - ((destination + done) & (PageSize - 1));
            if (chunk > length - done)
                chunk = length - done;
            System.Buffer.Memmove(to, (byte*)source + done, (nuint)chunk);
            done += chunk;
        }
        return 0;
    }

    /// <summary>Copies a NUL-terminated string of at most <paramref name="max"/> bytes; null with the errno on failure.</summary>
    public static byte[] CopyString(ulong address, int max, out long error) => CopyString(Processes.Current, address, max, out error);

    /// <summary><see cref="CopyString(ulong, int, out long)"/> from <paramref name="process"/>'s memory.</summary>
    public static byte[] CopyString(Process process, ulong address, int max, out long error)
    {
        error = 0;
        byte* scratch = stackalloc byte[SyscallLimits.MaxArgumentBytes];
        if (max > SyscallLimits.MaxArgumentBytes)
            max = SyscallLimits.MaxArgumentBytes;
        for (int i = 0; ; i++)
        {
            if (i == max)
            {
                error = -Errno.ENAMETOOLONG;
                return null;
            }
            byte* from = RangeOk(address, (ulong)i + 1) ? Resolve(process, address + (ulong)i, false) : null;
            if (from == null)
            {
                error = -Errno.EFAULT;
                return null;
            }
            if (*from == 0)
            {
                var text = new byte[i];
                for (int k = 0; k < i; k++)
                    text[k] = scratch[k];
                return text;
            }
            scratch[i] = *from;
        }
    }

    /// <summary>Copies a null-terminated array of string pointers (argv, envp); a null array is empty.</summary>
    public static byte[][] CopyStringArray(ulong address, out long error) => CopyStringArray(Processes.Current, address, out error);

    /// <summary><see cref="CopyStringArray(ulong, out long)"/> from <paramref name="process"/>'s memory.</summary>
    public static byte[][] CopyStringArray(Process process, ulong address, out long error)
    {
        error = 0;
        if (address == 0)
            return new byte[0][];
        ulong* pointers = stackalloc ulong[SyscallLimits.MaxArguments];
        int count = 0;
        for (; ; count++)
        {
            if (count == SyscallLimits.MaxArguments)
            {
                error = -Errno.E2BIG;
                return null;
            }
            ulong pointer;
            if ((error = CopyFrom(process, &pointer, address + (ulong)count * 8, 8)) != 0)
                return null;
            if (pointer == 0)
                break;
            pointers[count] = pointer;
        }
        var strings = new byte[count][];
        for (int i = 0; i < count; i++)
            if ((strings[i] = CopyString(process, pointers[i], SyscallLimits.MaxArgumentBytes, out error)) == null)
            {
                // The strings copied so far are the kernel's to free (each failed exec leaked them).
                for (int k = 0; k < i; k++)
                    KernelHeap.Free(strings[k]);
                KernelHeap.Free(strings);
                return null;
            }
        return strings;
    }
}
