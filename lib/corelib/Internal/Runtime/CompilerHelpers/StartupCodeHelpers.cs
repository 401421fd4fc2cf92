namespace Internal.Runtime.CompilerHelpers;

using System;
using System.Runtime;

/// <summary>
/// The runtime entry points ilc-generated code calls by symbol name (allocation, write barriers,
/// transitions, failure), and the start-up work every image must do before touching reference statics.
/// </summary>
public static unsafe class StartupCodeHelpers
{
    // ReadyToRun header: "RTR" signature, section count at +12, entry size at +14, rows from +16.
    private const uint ReadyToRunSignature = 0x00525452;
    private const int SectionCountOffset = 12;
    private const int SectionsOffset = 16;
    private const int GcStaticRegionSection = 201;
    private const int EagerClassConstructorSection = 205;

    // Low bits of a GC-static slot before initialization.
    private const nint GcStaticUninitialized = 1;
    private const nint GcStaticHasPreinitializedData = 2;
    private const nint GcStaticFlagMask = 3;

    // An object's payload follows its MethodTable pointer; BaseSize also counts the 8-byte header word.
    private const int ObjectHeaderSize = 8;

#pragma warning disable CS0649 // filled in by the compiler, read here
    private struct ReadyToRunSection
    {
        public int Id;
        public int Flags;
        public byte* Start;
        public byte* End;
    }
#pragma warning restore CS0649

    /// <summary>
    /// Allocates the objects behind every class's reference-typed statics and runs eager static
    /// constructors. <paramref name="modulesStart"/>..<paramref name="modulesEnd"/> is the linker's
    /// __modules section: one pointer per compiled module to its ReadyToRun header.
    /// </summary>
    public static void InitializeModules(byte** modulesStart, byte** modulesEnd)
    {
        for (byte** module = modulesStart; module < modulesEnd; module++)
        {
            byte* header = *module;
            if (header == null || *(uint*)header != ReadyToRunSignature)
                RuntimeImports.FatalError("bad ReadyToRun header in __modules");
            int sectionCount = *(ushort*)(header + SectionCountOffset);
            int entrySize = header[SectionCountOffset + 2];
            for (int i = 0; i < sectionCount; i++)
            {
                var section = (ReadyToRunSection*)(header + SectionsOffset + i * entrySize);
                if (section->Id == GcStaticRegionSection)
                    InitializeGcStatics(section->Start, section->End);
            }
            for (int i = 0; i < sectionCount; i++)
            {
                var section = (ReadyToRunSection*)(header + SectionsOffset + i * entrySize);
                if (section->Id == EagerClassConstructorSection)
                    RunEagerClassConstructors(section->Start, section->End);
            }
        }
    }

    private static byte* ReadRelativePointer(void* location) => (byte*)location + *(int*)location;

    // Each entry is a relative pointer to a slot. Until initialised, the slot holds a 32-bit offset
    // (relative to the slot) to the statics' MethodTable, with the flag bits in its low bits, followed
    // by a 32-bit offset to the preinitialised data. Afterwards it holds the object's address.
    private static void InitializeGcStatics(byte* start, byte* end)
    {
        for (byte* entry = start; entry < end; entry += sizeof(int))
        {
            nint* slot = (nint*)ReadRelativePointer(entry);
            nint target = (nint)ReadRelativePointer(slot);
            if ((target & GcStaticUninitialized) == 0)
                continue;
            var type = (MethodTable*)(target & ~GcStaticFlagMask);
            byte* instance = (byte*)AllocateObject(type);
            if ((target & GcStaticHasPreinitializedData) != 0)
            {
                byte* data = ReadRelativePointer((int*)slot + 1);
                Buffer.Memmove(instance + sizeof(void*), data, type->BaseSize - ObjectHeaderSize - (nuint)sizeof(void*));
            }
            *slot = (nint)instance;
        }
    }

    private static void RunEagerClassConstructors(byte* start, byte* end)
    {
        for (byte* entry = start; entry < end; entry += sizeof(int))
            ((delegate*<void>)ReadRelativePointer(entry))();
    }

    /// <summary>
    /// An object of <paramref name="type"/>: zeroed memory from the runtime's OceanAllocate with the
    /// MethodTable written, or OutOfMemory. What <c>new</c> compiles to, RhpNewFast, is each runtime's
    /// own (the kernel's, the loader's, libc's): this, or a fast path of its own in front of this.
    /// </summary>
    public static void* AllocateObject(MethodTable* type)
    {
        void* obj = RuntimeImports.Allocate(type->BaseSize);
        if (obj == null)
            OutOfMemory();
        *(MethodTable**)obj = type;
        return obj;
    }

    // A program catches an OutOfMemoryException; in the kernel and the loader it stays fatal.
    private static void OutOfMemory()
    {
        System.Exception exception = System.Runtime.ExceptionHandling.OutOfMemory;
        if (exception is not null && System.Runtime.ExceptionHandling.Dispatch != null)
            throw exception;
        RuntimeImports.FatalError("out of memory");
    }

    /// <summary>A new zeroed object of <paramref name="type"/> (what <c>new</c> compiles to).</summary>
    internal static object NewObject(MethodTable* type)
    {
        void* obj = AllocateObject(type);
#pragma warning disable CS8500 // the object is the address the heap handed out
        return *(object*)&obj;
#pragma warning restore CS8500
    }

    /// <summary>A new zeroed array (or string) of <paramref name="length"/> elements of <paramref name="type"/>.</summary>
    internal static object NewArray(MethodTable* type, int length)
    {
        void* array = RhpNewArrayFast(type, length);
#pragma warning disable CS8500 // the array is the address the heap handed out
        return *(object*)&array;
#pragma warning restore CS8500
    }

    [RuntimeExport("RhpNewArrayFast")]
    private static void* RhpNewArrayFast(MethodTable* type, int length)
    {
        if (length < 0)
            RuntimeImports.FatalError("negative array length");
        nuint size = type->BaseSize + (nuint)length * type->ComponentSize;
        size = (size + 7) & ~(nuint)7;
        void* array = RuntimeImports.Allocate(size);
        if (array == null)
            OutOfMemory();
        *(MethodTable**)array = type;
        *(int*)((byte*)array + sizeof(void*)) = length;
        return array;
    }

    [RuntimeExport("RhpNewPtrArrayFast")]
    private static void* RhpNewPtrArrayFast(MethodTable* type, int length) => RhpNewArrayFast(type, length);

    // No garbage collector: write barriers are plain stores.
    [RuntimeExport("RhpAssignRef")]
    private static void RhpAssignRef(void** location, void* value) => *location = value;

    [RuntimeExport("RhpCheckedAssignRef")]
    private static void RhpCheckedAssignRef(void** location, void* value) => *location = value;

    // No GC and no cooperative mode: transitions between managed and native code do nothing.
    [RuntimeExport("RhpPInvoke")]
    private static void RhpPInvoke(void* frame) { }

    [RuntimeExport("RhpPInvokeReturn")]
    private static void RhpPInvokeReturn(void* frame) { }

    [RuntimeExport("RhpReversePInvoke")]
    private static void RhpReversePInvoke(void* frame) { }

    [RuntimeExport("RhpReversePInvokeReturn")]
    private static void RhpReversePInvokeReturn(void* frame) { }

    [RuntimeExport("RhpFallbackFailFast")]
    private static void RhpFallbackFailFast() => RuntimeImports.FatalError("fail-fast (stack buffer overrun?)");

    // C#'s `throw;` in a catch block.
    [RuntimeExport("RhpRethrow")]
    private static void RhpRethrow()
    {
        delegate*<void> rethrow = System.Runtime.ExceptionHandling.Rethrow;
        if (rethrow != null)
            rethrow();
        RuntimeImports.FatalError("exception rethrown");
    }

    [RuntimeExport("RhpThrowEx")]
    private static void RhpThrowEx(object exception)
    {
        // A runtime that can unwind takes it from here (its walk starts two frames up: the thrower).
        delegate*<object, void> dispatch = System.Runtime.ExceptionHandling.Dispatch;
        if (dispatch != null)
            dispatch(exception);
        // Otherwise (the kernel, the loader) a throw is fatal and reports its message.
        string message = exception is Exception e && e.Message is not null ? e.Message : "exception thrown";
        RuntimeImports.FatalError(message);
    }
}
