namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Fs;
using Ocean.Kernel.Ipc;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>read, write, pipe, dup2 and close: the calls on a process's file descriptors (<see cref="FileTable"/>).</summary>
public static unsafe class FileCalls
{
    private static FileTable Files => Processes.Current.Files;

    // A read or write holds a reference to its open file for as long as it runs: it may block (or let
    // other CPUs in), and a sibling thread may close the descriptor meanwhile. The last release frees it.
    public static long Read(long fd, ulong buffer, ulong length)
    {
        OpenFile file = Files.Get(fd);
        if (file == null)
            return -Errno.EBADF;
        file.AddReference();
        long result = file.Read(buffer, length);
        file.Release();
        return result;
    }

    public static long Write(long fd, ulong buffer, ulong length)
    {
        OpenFile file = Files.Get(fd);
        if (file == null)
            return -Errno.EBADF;
        file.AddReference();
        long result = file.Write(buffer, length);
        file.Release();
        return result;
    }

    /// <summary>pipe(int fds[2]): both descriptors or neither.</summary>
    public static long CreatePipe(ulong fdsAddress)
    {
        if (UserMemory.CheckWritable(fdsAddress, 2 * sizeof(int)) != 0)
            return -Errno.EFAULT;
        if (!MemoryReserve.NewObjectAllowed)
            return -Errno.ENOMEM;
        var pipe = new Pipe();
        var reader = new PipeEnd(pipe, writes: false);
        var writer = new PipeEnd(pipe, writes: true);
        long readFd = Files.Install(reader);
        long writeFd = readFd < 0 ? readFd : Files.Install(writer);
        if (writeFd < 0)
        {
            if (readFd >= 0)
                Files.Close(readFd);
            else
                reader.Release();
            writer.Release();
            return writeFd;
        }
        int* fds = stackalloc int[2];
        fds[0] = (int)readFd;
        fds[1] = (int)writeFd;
        return UserMemory.CopyTo(fdsAddress, fds, 2 * sizeof(int));
    }

    public static long Duplicate(long fd, long target) => Files.Duplicate(fd, target);

    public static long Close(long fd) => Files.Close(fd);

    /// <summary>isatty: 1 for the console, 0 for a pipe, -EBADF for no such descriptor.</summary>
    public static long IsTerminal(long fd)
    {
        OpenFile file = Files.Get(fd);
        return file == null ? -Errno.EBADF : file.IsTerminal ? 1 : 0;
    }
}
