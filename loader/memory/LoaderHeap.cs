namespace Ocean.Loader.Memory;

using System;
using System.Runtime;

/// <summary>
/// The loader's heap behind <c>new</c>: a bump allocator over a fixed area in the loader's bss that
/// hands out zeroed, 8-byte-aligned memory and never frees (the loader runs once).
/// </summary>
public static unsafe class LoaderHeap
{
    private const nuint Alignment = 8;

    private static byte* _next;
    private static byte* _end;

    public static nuint Used { get; private set; }

    public static void Initialize(byte* start, nuint size)
    {
        _next = start;
        _end = start + size;
        Used = 0;
    }

    // What `new` compiles to: the core library's general path (OceanAllocate below, the MethodTable).
    [RuntimeExport("RhpNewFast")]
    private static void* NewObject(Internal.Runtime.MethodTable* type) => Internal.Runtime.CompilerHelpers.StartupCodeHelpers.AllocateObject(type);

    [RuntimeExport("OceanAllocate")]
    public static void* Allocate(nuint size)
    {
        size = (size + Alignment - 1) & ~(Alignment - 1);
        if (_next == null || size > (nuint)(_end - _next))
            return null;
        byte* block = _next;
        _next += size;
        Used += size;
        Buffer.Fill(block, 0, size);
        return block;
    }
}
