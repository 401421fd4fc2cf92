namespace System.Runtime;

using System.Runtime.CompilerServices;
using System.Threading;
using Internal.Runtime;

/// <summary>
/// Finds the method an interface call reaches (RhpInitialDynamicInterfaceDispatch in RuntimeStubs.asm
/// asks on every such call). A dispatch cell names the interface; its slot is in the cell that ends
/// the cell's run (ilc groups cells by slot, each run closed by a cell with no stub). The object's
/// type and then its parents are searched for a dispatch map entry for that interface and slot:
/// first declared implementations, then default interface methods. The answer is cached for the cell
/// and the type (DispatchCacheLayout), which the stub reads before anything else. Generic variance (an
/// <c>IEnumerable&lt;object&gt;</c> call on a list of strings) is not supported: such a call, like
/// one nothing implements, is a fatal error that says so.
/// </summary>
internal static unsafe class InterfaceDispatch
{
    // The cell's second word: a relative pointer to the interface with these low bits, or an absolute one.
    private const nint RelativeInterfacePointer = 3, AbsoluteInterfacePointer = 1, PointerTagMask = 3;
    private const int CellTypeShift = 16;
    private const ushort Reabstracted = 0xFFFF, Ambiguous = 0xFFFE;

#pragma warning disable CS0649 // ilc writes the cells
    private struct DispatchCell
    {
        public void* Stub;
        public nint Cache;
    }
#pragma warning restore CS0649

    [RuntimeExport("OceanResolveInterfaceDispatch")]
    private static void* Resolve(MethodTable* type, DispatchCell* cell)
    {
        MethodTable* iface = InterfaceOf(cell);
        DispatchCell* end = cell;
        while (end->Stub != null)
            end++;
        if (iface == null || end->Cache >> CellTypeShift != 0)
            Fail("interface dispatch: a dispatch cell of a kind Ocean does not know");
        void* target = FindImplementation(type, iface, (ushort)end->Cache);
        if (target == null)
            Fail(iface->HasGenericVariance
                ? "interface dispatch: no implementation (a variant generic interface call is not supported)"
                : "interface dispatch: the object's type does not implement the method");
        Remember(cell, type, target);
        return target;
    }

    [RuntimeImport("*", "OceanDispatchCacheTable")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long* CacheTable();

    // The stub's next call through this cell on this type jumps straight to the target. An entry is
    // a new array that never changes, published with one aligned store (a racing stub sees the old
    // entry or the new, whole, and the exchange keeps the entry's own stores first); the table lies in the
    // program's bss, which the collector reads as roots.
    private static void Remember(DispatchCell* cell, MethodTable* type, void* target)
    {
        nint[] entry = [(nint)cell, (nint)type, (nint)target];
        nint index = ((((nint)cell >> DispatchCacheLayout.CellShift) ^ (nint)type) >> DispatchCacheLayout.IndexShift) & (DispatchCacheLayout.Entries - 1);
#pragma warning disable CS8500 // the entry's address is what the table holds
        Interlocked.Exchange(ref CacheTable()[index], *(long*)&entry);
#pragma warning restore CS8500
    }

    /// <summary>The code an interface call through <paramref name="cell"/> reaches for an object of <paramref name="type"/> (a delegate to an interface method is made with it).</summary>
    internal static void* Resolve(MethodTable* type, void* cell) => Resolve(type, (DispatchCell*)cell);

    private static MethodTable* InterfaceOf(DispatchCell* cell)
    {
        nint value = cell->Cache;
        return (value & PointerTagMask) switch
        {
            RelativeInterfacePointer => (MethodTable*)(((nint)(&cell->Cache) + (int)value) & ~PointerTagMask),
            AbsoluteInterfacePointer => (MethodTable*)(value & ~PointerTagMask),
            _ => null,
        };
    }

    /// <summary>The code implementing <paramref name="iface"/>'s slot for an object of <paramref name="type"/>, or null.</summary>
    internal static void* FindImplementation(MethodTable* type, MethodTable* iface, ushort slot)
    {
        for (int pass = 0; pass < 2; pass++)   // declared implementations first, then default methods
            for (MethodTable* current = type; current != null; current = current->IsArray ? null : current->ParentType)
            {
                if (!current->HasDispatchMap)
                    continue;
                DispatchMap* map = current->DispatchMap;
                var entries = (DispatchMap.Entry*)(map + 1);
                int first = pass == 0 ? 0 : map->StandardCount;
                int end = pass == 0 ? map->StandardCount : map->StandardCount + map->DefaultCount;
                for (int i = first; i < end; i++)
                {
                    if (entries[i].InterfaceSlot != slot || current->GetInterface(entries[i].InterfaceIndex) != iface)
                        continue;
                    ushort implementation = entries[i].ImplementationSlot;
                    if (implementation == Reabstracted || implementation == Ambiguous)
                        Fail("interface dispatch: the method is abstract again or ambiguous in the object's type");
                    // A vtable slot is read from the object's own type, so an override wins.
                    return implementation < current->VtableSlotCount
                        ? type->GetVtableSlot(implementation)
                        : current->GetSealedVirtualSlot(implementation - current->VtableSlotCount);
                }
            }
        return null;
    }

    private static void Fail(string message) => RuntimeImports.FatalError(message);
}
