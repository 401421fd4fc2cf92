namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>File descriptors and kernel pipes: pipe, dup2, close, read and write across fork and exec.</summary>
public static unsafe partial class Program
{
    private const int PipeTransferBytes = 64 * 1024;
    private const int PatternChunk = 1000;

    private static void PipeBasics()
    {
        int* fds = stackalloc int[2];
        byte* buffer = stackalloc byte[16];
        bool created = Syscall.Pipe(fds) == 0 && fds[0] >= 3 && fds[1] >= 3 && fds[0] != fds[1];
        Copy("hello", buffer);
        bool roundTrip = Syscall.Write(fds[1], buffer, 5) == 5 && Syscall.Read(fds[0], buffer + 8, 8) == 5 && buffer[8] == 'h' && buffer[12] == 'o';
        bool wrongEnds = Syscall.Read(fds[1], buffer, 1) == -Errno.EBADF && Syscall.Write(fds[0], buffer, 1) == -Errno.EBADF;
        bool terminals = Syscall.IsTerminal(0) == 1 && Syscall.IsTerminal(2) == 1 && Syscall.IsTerminal(fds[0]) == 0 &&
                         Syscall.IsTerminal(fds[1]) == 0 && Syscall.IsTerminal(40) == -Errno.EBADF && Syscall.IsTerminal(-1) == -Errno.EBADF;
        bool endOfFile = Syscall.Close(fds[1]) == 0 && Syscall.Read(fds[0], buffer, 8) == 0;
        bool closed = Syscall.Close(fds[0]) == 0 && Syscall.Close(fds[0]) == -Errno.EBADF && Syscall.Read(fds[0], buffer, 1) == -Errno.EBADF;
        bool badCalls = Syscall.Dup2(40, 3) == -Errno.EBADF && Syscall.Dup2(1, SyscallLimits.MaxOpenFiles) == -Errno.EBADF &&
                        Syscall.Pipe((int*)0x10) == -Errno.EFAULT;
        Check(created && roundTrip && wrongEnds && endOfFile && closed && badCalls,
            "pipes: bytes go through; the wrong end, a closed or unknown descriptor is EBADF; no writer left reads as end of file");
        Check(terminals, "isatty: the console is a terminal, a pipe's ends are not, no descriptor is EBADF");

        bool brokenPipe = Syscall.Pipe(fds) == 0 && Syscall.Close(fds[0]) == 0 && Syscall.Write(fds[1], buffer, 1) == -Errno.EPIPE &&
                          Syscall.Close(fds[1]) == 0;
        Check(brokenPipe, "pipes: writing with no reader left fails with EPIPE");
    }

    private static byte PatternByte(int index) => (byte)(index * 7 + index / 251);

    // The child writes 64 KiB in odd-sized pieces: it must block on the 4 KiB pipe until the parent reads.
    private static int WritePattern(long writeFd)
    {
        byte* chunk = stackalloc byte[PatternChunk];
        for (int done = 0; done < PipeTransferBytes;)
        {
            int count = PipeTransferBytes - done < PatternChunk ? PipeTransferBytes - done : PatternChunk;
            for (int i = 0; i < count; i++)
                chunk[i] = PatternByte(done + i);
            if (Syscall.Write((int)writeFd, chunk, (ulong)count) != count)
                return 1;
            done += count;
        }
        return 0;
    }

    private static void PipeAcrossFork()
    {
        int* fds = stackalloc int[2];
        Syscall.Pipe(fds);
        long writer = Spawn(&WritePattern, fds[1]);
        Syscall.Close(fds[1]);
        byte* buffer = stackalloc byte[700];
        int total = 0;
        bool intact = true;
        long count;
        while ((count = Syscall.Read(fds[0], buffer, 700)) > 0)
        {
            for (int i = 0; i < count; i++)
                intact &= buffer[i] == PatternByte(total + i);
            total += (int)count;
        }
        Syscall.Close(fds[0]);
        Check(count == 0 && intact && total == PipeTransferBytes && ExitCodeOf(writer) == 0,
            "pipes: 64 KiB from a child through the 4 KiB pipe arrive whole and in order, then end of file");
    }

    // The child's standard output becomes the pipe; exec keeps it.
    private static int EchoIntoPipe(long writeFd)
    {
        Syscall.Dup2((int)writeFd, Stdio.StandardOutput);
        Syscall.Close((int)writeFd);
        byte* path = stackalloc byte[8];
        byte* word = stackalloc byte[8];
        Copy("echo", path);
        Copy("piped", word);
        byte** argv = stackalloc byte*[3];
        argv[0] = path;
        argv[1] = word;
        argv[2] = null;
        return (int)-ProcClient.Exec(path, argv, null);
    }

    private static int BlockOnRead(long readFd)
    {
        byte value;
        return (int)Syscall.Read((int)readFd, &value, 1);
    }

    private static void PipesAndPrograms()
    {
        int* fds = stackalloc int[2];
        Syscall.Pipe(fds);
        long echo = Spawn(&EchoIntoPipe, fds[1]);
        Syscall.Close(fds[1]);
        byte* buffer = stackalloc byte[32];
        int total = 0;
        long count;
        while ((count = Syscall.Read(fds[0], buffer + total, (ulong)(31 - total))) > 0)
            total += (int)count;
        Syscall.Close(fds[0]);
        Check(ExitCodeOf(echo) == 0 && total == 6 && buffer[0] == 'p' && buffer[3] == 'e' && buffer[4] == 'd' && buffer[5] == '\n',
            "pipes: a program exec'd with its standard output dup2'd onto a pipe writes into it");

        Syscall.Pipe(fds);
        long reader = Spawn(&BlockOnRead, fds[0]);
        Syscall.Sleep(20_000_000);
        ProcClient.Kill(reader);
        bool killed = ExitCodeOf(reader) == 128 + Signal.Kill;
        Syscall.Close(fds[0]);
        Syscall.Close(fds[1]);
        Check(killed, "pipes: a process blocked reading an empty pipe can be killed");
    }

    private static void DescriptorLimit()
    {
        // The first round may grow the kernel heap's caches, which keep their pages; the second must not leak.
        FillDescriptors(out _, out _);
        long before = Syscall.FreePages();
        FillDescriptors(out int pipes, out long result);
        bool limited = result == -Errno.EMFILE && pipes == (SyscallLimits.MaxOpenFiles - 3) / 2;
        Check(limited && Syscall.FreePages() == before,
            "pipes: descriptors run out with EMFILE, and closing them gives every page back");
    }

    private static void FillDescriptors(out int pipes, out long result)
    {
        int* fds = stackalloc int[2];
        pipes = 0;
        while ((result = Syscall.Pipe(fds)) == 0)
            pipes++;
        for (int fd = 3; fd < SyscallLimits.MaxOpenFiles; fd++)
            Syscall.Close(fd);
    }
}
