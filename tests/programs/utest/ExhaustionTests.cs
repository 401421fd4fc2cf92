namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Resource exhaustion: a fork storm ends in EAGAIN at the process limit, a process that eats all
/// memory gets ENOMEM (or is killed when a copy-on-write page cannot be copied), and in both cases
/// everything is reaped and every page comes back.
/// </summary>
public static unsafe partial class Program
{
    /// <summary>More than the kernel's process limit (256): the storm must stop before this.</summary>
    private const int StormCeiling = 400;
    private const ulong HogChunk = 1UL << 20;
    private const ulong PageBytes = 4096;
    private const int MalformedVariants = 14;
    private const long InitPid = 1;
    private const int HogSawEnomem = 1, HogBrkRefused = 2, HogCopyKilled = 4, HogStoppedByLimit = 8;
    private const int HogAllGood = HogSawEnomem | HogBrkRefused | HogCopyKilled | HogStoppedByLimit;
    /// <summary>Free memory the hog must leave when mem's limit stops it: well above the kernel's 4 MiB reserve.</summary>
    private const ulong HogLeavesAtLeast = 8UL << 20;

    private static void ForkStorm()
    {
        // The first storm warms the kernel up (slab pages, kernel-stack page tables); the second must leave no trace.
        ForkStormOnce(out int firstChildren, out bool firstLimit, out bool firstReaped);
        long before = Syscall.FreePages();
        ForkStormOnce(out int children, out bool limit, out bool reaped);
        long after = Syscall.FreePages();
        Stdio.Write("utest: fork storm: ");
        Stdio.Write((long)children);
        Stdio.Write(" children, then EAGAIN; free pages before ");
        Stdio.Write(before);
        Stdio.Write(", after ");
        Stdio.Write(after);
        Stdio.WriteLine("");
        Check(firstLimit && limit && firstChildren == children && children > 100 && children < StormCeiling,
            "fork storm: fork fails with EAGAIN at the process limit, and the caller goes on");
        Check(firstReaped && reaped && before == after, "fork storm: every child reaped, free pages unchanged");
        long child = Spawn(&ExitWith, 9);
        Check(child > 0 && ExitCodeOf(child) == 9, "fork storm: fork works again afterwards");
    }

    // Forks until fork fails; each child waits for the pipe to close, then exits. Reaps them all.
    private static void ForkStormOnce(out int children, out bool hitLimit, out bool allReaped)
    {
        int* fds = stackalloc int[2];
        Syscall.Pipe(fds);
        children = 0;
        long error = 0;
        while (children < StormCeiling)
        {
            long pid = ProcClient.Fork();
            if (pid == 0)
            {
                Syscall.Close(fds[1]);
                byte b;
                Syscall.Exit((int)Syscall.Read(fds[0], &b, 1));   // 0 at end of file
            }
            if (pid < 0)
            {
                error = pid;
                break;
            }
            children++;
        }
        hitLimit = error == -Errno.EAGAIN;
        Syscall.Close(fds[1]);
        Syscall.Close(fds[0]);
        allReaped = true;
        int status;
        for (int i = 0; i < children; i++)
            allReaped &= ProcClient.WaitPid(-1, &status, 0) > 0 && WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0;
        allReaped &= ProcClient.WaitPid(-1, &status, WaitStatus.NoHang) == -Errno.ECHILD;
    }

    private static int ExitWith(long code) => (int)code;

    private static void MemoryHog()
    {
        long before = Syscall.FreePages();
        long hog = Spawn(&Hog, 0);
        int result = ExitCodeOf(hog);
        long after = Syscall.FreePages();
        Stdio.Write("utest: memory hog: free pages before ");
        Stdio.Write(before);
        Stdio.Write(", after ");
        Stdio.Write(after);
        Stdio.WriteLine("");
        Check(result == HogAllGood, "memory hog: mmap and brk fail with ENOMEM at mem's limit (3/4 of memory, with memory left); a copy-on-write fault past the end kills only that process");
        Check(before == after, "memory hog: every page comes back");
        long child = Spawn(&ExitWith, 4);
        Check(child > 0 && ExitCodeOf(child) == 4, "memory hog: the system goes on (fork and exit work)");
    }

    // Maps and touches memory until mmap says ENOMEM; then a forked child writes it all (copy-on-write).
    private static int Hog(long unused)
    {
        int result = 0;
        long first = 0, chunks = 0;
        while (true)
        {
            long area = global::Ocean.Memory.Map(0, HogChunk, Protection.Read | Protection.Write);
            if (area < 0)
            {
                if (area == -Errno.ENOMEM)
                    result |= HogSawEnomem;
                break;
            }
            for (ulong offset = 0; offset < HogChunk; offset += PageBytes)
                ((byte*)area)[offset] = 1;
            first = area;   // mappings grow down: the last one is the lowest
            chunks++;
        }
        // mem's limit (three quarters of the machine) stops it, not the kernel's reserve: memory is left.
        long freeBytes = Syscall.FreePages() * (long)PageBytes;
        if (MemClient.Info(out MemoryInfo machine) == 0 && (ulong)chunks * HogChunk <= machine.TotalBytes - machine.TotalBytes / 4 &&
            (ulong)freeBytes >= HogLeavesAtLeast)
            result |= HogStoppedByLimit;
        long brk = global::Ocean.Memory.Brk(0);
        if (global::Ocean.Memory.Brk((ulong)brk + HogChunk) == brk)
            result |= HogBrkRefused;
        // Room for the few pages this side copies from now on (its stack, and libc's statics, which
        // Stdio writes: still shared with utest, so a write needs a page), so that the writer is the
        // one that runs out, whichever of the two writes first.
        if (chunks > 1 && global::Ocean.Memory.Unmap((ulong)first, HogChunk) == 0)
        {
            first += (long)HogChunk;
            chunks--;
        }
        Stdio.Write("utest: memory hog mapped ");
        Stdio.Write(chunks);
        Stdio.WriteLine(" MiB before ENOMEM");

        long writer = Runtime.Fork();
        if (writer == 0)
        {
            for (long i = 0; i < chunks * (long)(HogChunk / PageBytes); i++)
                ((byte*)first)[i * (long)PageBytes] = 2;
            Syscall.Exit(0);   // not reached: there is not enough memory for a second copy
        }
        int status;
        if (ProcClient.WaitPid(writer, &status, 0) == writer && !WaitStatus.IfExited(status) && WaitStatus.TermSignal(status) == Signal.Kill)
            result |= HogCopyKilled;
        return result;
    }

    // A minimal valid image: one read+execute PT_LOAD segment at 0x400000 holding the headers and
    // "mov eax, 0 (exit); mov edi, 7; syscall".
    private const int ElfHeaderBytes = 64, ProgramHeaderBytes = 56, CodeOffset = ElfHeaderBytes + ProgramHeaderBytes;
    private const int ElfBytes = CodeOffset + 12;
    private const ulong ElfBase = 0x400000;

    private static void BuildElf(byte* image)
    {
        for (int i = 0; i < ElfBytes; i++)
            image[i] = 0;
        *(uint*)image = 0x464C457F;
        image[4] = 2;                               // ELFCLASS64
        image[5] = 1;                               // little-endian
        image[6] = 1;                               // version
        *(ushort*)(image + 16) = 2;                 // ET_EXEC
        *(ushort*)(image + 18) = 62;                // x86-64
        *(uint*)(image + 20) = 1;
        *(ulong*)(image + 24) = ElfBase + CodeOffset;
        *(ulong*)(image + 32) = ElfHeaderBytes;     // program headers right after the header
        *(ushort*)(image + 52) = ElfHeaderBytes;
        *(ushort*)(image + 54) = ProgramHeaderBytes;
        *(ushort*)(image + 56) = 1;
        byte* ph = image + ElfHeaderBytes;
        *(uint*)ph = 1;                             // PT_LOAD
        *(uint*)(ph + 4) = 5;                       // read + execute
        *(ulong*)(ph + 8) = 0;
        *(ulong*)(ph + 16) = ElfBase;
        *(ulong*)(ph + 32) = ElfBytes;
        *(ulong*)(ph + 40) = ElfBytes;
        byte* code = image + CodeOffset;
        code[0] = 0xB8;                             // mov eax, 0 (SyscallNumber.Exit)
        code[5] = 0xBF;                             // mov edi, 7
        code[6] = 7;
        code[10] = 0x0F;                            // syscall
        code[11] = 0x05;
    }

    private static void MalformedElf()
    {
        byte* image = stackalloc byte[ElfBytes];
        long valid = Spawn(&ExecValidElf, 0);
        Check(ExitCodeOf(valid) == 7, "exec_image: the hand-made minimal image runs (exit 7)");

        bool all = true;
        for (int variant = 0; variant < MalformedVariants; variant++)
        {
            BuildElf(image);
            ulong size = Break(image, variant);
            long result = ExecImageOf(image, size);
            if (result != -Errno.ENOEXEC)
            {
                Stdio.Write("utest: exec_image variant ");
                Stdio.Write((long)variant);
                Stdio.Write(" gave ");
                Stdio.Write(result);
                Stdio.WriteLine("");
                all = false;
            }
        }
        Check(all, "exec_image: malformed images (bad magic, truncated, class, machine, headers or segments out of range, huge, bad entry, empty) are ENOEXEC");
        Check(Syscall.GetPid() == InitPid, "exec_image: the caller goes on after every refusal");
    }

    // Spoils the image one way; returns the size to hand to exec_image.
    private static ulong Break(byte* image, int variant)
    {
        byte* ph = image + ElfHeaderBytes;
        switch (variant)
        {
            case 0: image[0] = (byte)'M'; image[1] = (byte)'Z'; break;                 // not ELF
            case 1: return 40;                                                          // truncated header
            case 2: image[4] = 1; break;                                                // 32-bit class
            case 3: *(ushort*)(image + 18) = 40; break;                                 // ARM
            case 4: *(ulong*)(image + 32) = 0x10000; break;                             // program headers past the end
            case 5: *(ushort*)(image + 56) = 0xFFFF; break;                             // too many program headers for the file
            case 6: *(ulong*)(ph + 16) = 0xFFFF_8000_0000_0000; *(ulong*)(image + 24) = 0xFFFF_8000_0000_0000 + CodeOffset; break;   // kernel half
            case 7: *(ulong*)(ph + 16) = 0x7FFF_FFFF_F000; *(ulong*)(ph + 40) = 0x2000; *(ulong*)(image + 24) = 0x7FFF_FFFF_F000 + CodeOffset; break;   // across the user end
            case 8: *(ulong*)(ph + 40) = 1UL << 40; break;                              // a 1 TiB segment
            case 9: *(ulong*)(ph + 40) = ulong.MaxValue - 0x100; break;                 // wraps around
            case 10: *(ulong*)(image + 24) = 0x500000; break;                           // entry outside every segment
            case 11: *(ulong*)(ph + 8) = 0x1000; break;                                 // segment data past the end of the file
            case 12: *(uint*)(ph + 4) = 7; break;                                       // writable and executable
            case 13: return 0;                                                          // empty
        }
        return ElfBytes;
    }

    private static long ExecImageOf(byte* image, ulong size)
    {
        byte* path = stackalloc byte[8];
        Copy("bad", path);
        byte** argv = stackalloc byte*[2];
        argv[0] = path;
        argv[1] = null;
        return ProcClient.ExecImage(path, image, size, argv, null);
    }

    private static int ExecValidElf(long unused)
    {
        byte* image = stackalloc byte[ElfBytes];
        BuildElf(image);
        return 100 + (int)-ExecImageOf(image, ElfBytes);   // only on failure
    }
}
