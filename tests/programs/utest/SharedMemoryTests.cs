namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Shared memory through the memory server: objects by name, mapped whole into any process, seen
/// by every mapping and kept across fork (never copy-on-write), their pages back once the name and
/// the last mapping are gone.
/// </summary>
public static unsafe partial class Program
{
    private const ulong SharedBytes = 2 * 4096;
    private const int SharedSecondPageWord = 512;
    private const long WrittenHere = 0x5151, WrittenThere = 0x6161, WrittenByChild = 0x7171;

    private static void SharedMemory()
    {
        // The memory server's first object gives it page tables for its mappings, which it keeps (as a
        // server keeps its grant window's): one object made and dropped first, so the count below
        // measures the objects of this test alone.
        byte* warm = stackalloc byte[] { (byte)'w', (byte)'a', (byte)'r', (byte)'m' };
        Check(MemClient.SharedCreate(warm, 4, 4096, Protection.Read) > 0 && MemClient.SharedUnlink(warm, 4) == 0,
            "shm: an object is made and unlinked without ever being mapped");
        long freeBefore = Syscall.FreePages();
        byte* name = stackalloc byte[] { (byte)'u', (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'-', (byte)'s', (byte)'h', (byte)'m' };
        const int nameLength = 9;
        MemClient.Info(out MemoryInfo beforeObject);
        long id = MemClient.SharedCreate(name, nameLength, SharedBytes, Protection.Read | Protection.Write);
        MemClient.Info(out MemoryInfo withObject);
        Check(id > 0, "shm: an object is created by name");
        Check(withObject.SharedBytes == beforeObject.SharedBytes + SharedBytes, "shm: free's shared figure grows by the object's size");
        Check(MemClient.SharedCreate(name, nameLength, SharedBytes, Protection.Read) == -Errno.EEXIST &&
              MemClient.SharedCreate(name, 3, 0, Protection.Read) == -Errno.EINVAL &&
              MemClient.SharedCreate(name, 4, (16UL << 20) + 1, Protection.Read) == -Errno.EINVAL &&
              MemClient.SharedCreate(name, 5, 4096, Protection.Write | Protection.Execute) == -Errno.EINVAL &&
              MemClient.SharedCreate(name, 6, 4096, Protection.Write) == -Errno.EINVAL &&
              MemClient.SharedMap(id, Protection.Write, out _) == -Errno.EINVAL &&
              MemClient.SharedOpen(name, 3, out _) == -Errno.ENOENT && MemClient.SharedMap(id + 1000, Protection.Read, out _) == -Errno.ENOENT,
            "shm: a name in use is EEXIST; size 0, over 16 MiB, write with execute or no read EINVAL; an unknown name or id ENOENT");

        long* area = (long*)MemClient.SharedMap(id, Protection.Read | Protection.Write, out ulong size);
        Check((long)area > 0 && size == SharedBytes && area[0] == 0 && area[SharedSecondPageWord] == 0,
            "shm: the object maps whole, zero-filled");
        area[0] = WrittenHere;
        area[SharedSecondPageWord] = WrittenHere + 1;
        // Another process (a child that maps the object again, by name) reads these and answers.
        Check(ExitCodeOf(Spawn(&MapByNameAndAnswer, 0)) == 0 && area[1] == WrittenThere,
            "shm: another process maps the object by name, reads what this one wrote, and its write is seen here");
        long child = Runtime.Fork();
        if (child == 0)
        {
            area[2] = WrittenByChild;   // a fork keeps the mapping shared, not copy-on-write
            Syscall.Exit(0);
        }
        Check(ExitCodeOf(child) == 0 && area[2] == WrittenByChild, "shm: a forked child's write to the mapping is seen by its parent");

        long readOnly = MemClient.SharedCreate(name, 4, 4096, Protection.Read);
        long readOnlyMap = MemClient.SharedMap(readOnly, Protection.Read, out ulong readOnlySize);
        Check(readOnly > 0 && MemClient.SharedMap(readOnly, Protection.Read | Protection.Write, out _) == -Errno.EACCES &&
              readOnlyMap > 0 && global::Ocean.Memory.Protect((ulong)readOnlyMap, readOnlySize, Protection.Read | Protection.Write) == -Errno.EACCES &&
              global::Ocean.Memory.Protect((ulong)readOnlyMap, readOnlySize, Protection.Read) == 0 &&
              global::Ocean.Memory.Unmap((ulong)readOnlyMap, readOnlySize) == 0 && MemClient.SharedUnlink(name, 4) == 0,
            "shm: an object created read-only cannot be mapped writable, nor a read-only mapping made writable (EACCES)");

        MemClient.Info(out MemoryInfo whileNamed);
        bool unlinked = MemClient.SharedUnlink(name, nameLength) == 0;
        MemClient.Info(out MemoryInfo afterUnlink);
        Check(unlinked && afterUnlink.SharedBytes == whileNamed.SharedBytes - SharedBytes, "shm: free's shared figure drops by the object's size at unlink");
        Check(unlinked && MemClient.SharedOpen(name, nameLength, out _) == -Errno.ENOENT &&
              MemClient.SharedUnlink(name, nameLength) == -Errno.ENOENT && area[0] == WrittenHere,
            "shm: unlink removes the name at once; the mapping stays");
        bool unmapped = global::Ocean.Memory.Unmap((ulong)area, size) == 0;
        Check(unmapped & FreePagesBackTo(freeBefore, "shm"),
            "shm: once unlinked and unmapped everywhere (one child exited still mapping it), every page is back");
    }

    // Child: maps the object again by its name, checks both pages, writes its answer and exits with
    // the mapping still in place (its exit must let go of it).
    private static int MapByNameAndAnswer(long unused)
    {
        byte* name = stackalloc byte[] { (byte)'u', (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'-', (byte)'s', (byte)'h', (byte)'m' };
        long id = MemClient.SharedOpen(name, 9, out ulong size);
        if (id <= 0 || size != SharedBytes)
            return 1;
        long* area = (long*)MemClient.SharedMap(id, Protection.Read | Protection.Write, out _);
        if ((long)area <= 0)
            return 2;
        if (area[0] != WrittenHere || area[SharedSecondPageWord] != WrittenHere + 1)
            return 3;
        area[1] = WrittenThere;
        return 0;
    }
}
