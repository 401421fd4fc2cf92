namespace Ocean.Kernel.Fs;

using Ocean.Abi;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;
using Ocean.Kernel.Syscall;

/// <summary>The serial console as an open file: writes go out as they are, reads take one edited line (<see cref="ConsoleInput"/>).</summary>
public sealed unsafe class ConsoleFile : OpenFile
{
    private const int CopyChunk = 256;

    public override bool IsTerminal => true;

    public override long Write(ulong buffer, ulong length)
    {
        byte* chunk = stackalloc byte[CopyChunk];
        for (ulong done = 0; done < length;)
        {
            ulong count = length - done < CopyChunk ? length - done : CopyChunk;
            long error = UserMemory.CopyFrom(chunk, buffer + done, count);
            if (error != 0)
                return done > 0 ? (long)done : error;
            for (ulong i = 0; i < count; i++)
                Console.Write((char)chunk[i]);
            done += count;
            // The UART is slow and polled: other CPUs get the kernel between chunks, and a kill ends the write.
            BigKernelLock.LetOthersIn();
            if (Processes.Current.KillPending)
                return (long)done;
        }
        return (long)length;
    }

    public override long Read(ulong buffer, ulong length)
    {
        if (length == 0)
            return 0;
        // Check the whole buffer first: a bad pointer must not consume input.
        ulong wanted = length < CopyChunk ? length : CopyChunk;
        if (UserMemory.CheckWritable(buffer, wanted) != 0)
            return -Errno.EFAULT;
        byte* chunk = stackalloc byte[CopyChunk];
        int count = ConsoleInput.Read(chunk, (int)wanted);
        if (count < 0)
            return -Errno.EINTR;
        long error = UserMemory.CopyTo(buffer, chunk, (ulong)count);
        return error != 0 ? error : count;
    }
}
