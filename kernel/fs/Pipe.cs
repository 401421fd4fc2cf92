namespace Ocean.Kernel.Fs;

using Ocean.Abi;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;
using Ocean.Kernel.Syscall;

/// <summary>
/// A kernel pipe: a ring buffer between the processes holding its ends. A reader blocks while it is
/// empty and gets end of file (0) once no writer is left; a writer blocks while it is full and gets
/// EPIPE once no reader is left. A kill ends either wait with EINTR.
/// </summary>
public sealed unsafe class Pipe
{
    public const int Capacity = 4096;

    private readonly byte[] _buffer = new byte[Capacity];
    private readonly WaitQueue _readable = new WaitQueue();
    private readonly WaitQueue _writable = new WaitQueue();
    private int _head, _count;
    private int _readers = 1, _writers = 1;

    private static bool Interrupted => Processes.Current.KillPending;

    public long Read(ulong buffer, ulong length)
    {
        if (length == 0)
            return 0;
        while (_count == 0)
        {
            if (_writers == 0)
                return 0;
            _readable.Wait();
            if (Interrupted)
                return -Errno.EINTR;
        }
        ulong wanted = length < (ulong)_count ? length : (ulong)_count;
        if (UserMemory.CheckWritable(buffer, wanted) != 0)
            return -Errno.EFAULT;   // nothing consumed
        ulong done = 0;
        fixed (byte* ring = _buffer)
            while (done < wanted)
            {
                ulong run = Capacity - (ulong)_head;
                ulong count = wanted - done < run ? wanted - done : run;
                UserMemory.CopyTo(buffer + done, ring + _head, count);
                _head = (int)((_head + (int)count) % Capacity);
                _count -= (int)count;
                done += count;
            }
        _writable.WakeAll();
        return (long)done;
    }

    public long Write(ulong buffer, ulong length)
    {
        ulong done = 0;
        while (done < length)
        {
            if (_readers == 0)
                return done > 0 ? (long)done : -Errno.EPIPE;
            if (_count == Capacity)
            {
                _writable.Wait();
                if (Interrupted)
                    return done > 0 ? (long)done : -Errno.EINTR;
                continue;
            }
            int tail = (_head + _count) % Capacity;
            ulong run = (ulong)(tail >= _head ? Capacity - tail : _head - tail);
            ulong count = length - done < run ? length - done : run;
            long error;
            fixed (byte* ring = _buffer)
                error = UserMemory.CopyFrom(ring + tail, buffer + done, count);
            if (error != 0)
                return done > 0 ? (long)done : error;
            _count += (int)count;
            done += count;
            _readable.WakeAll();
        }
        return (long)done;
    }

    public void CloseReader()
    {
        _readers--;
        _writable.WakeAll();   // blocked writers learn there is nobody to read
        FreeIfUnused();
    }

    public void CloseWriter()
    {
        _writers--;
        _readable.WakeAll();   // blocked readers get end of file
        FreeIfUnused();
    }

    private void FreeIfUnused()
    {
        if (_readers > 0 || _writers > 0)
            return;
        KernelHeap.Free(_buffer);
        KernelHeap.Free(_readable);
        KernelHeap.Free(_writable);
        KernelHeap.Free(this);
    }
}
