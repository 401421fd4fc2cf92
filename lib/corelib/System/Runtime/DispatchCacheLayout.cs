namespace System.Runtime;

/// <summary>
/// The interface dispatch cache's shape, which RhpInitialDynamicInterfaceDispatch (RuntimeStubs.asm)
/// restates (a host test checks that they agree): a table of pointers to entries, each an array of
/// three words (the cell, the type, the target) whose elements follow the MethodTable pointer and the length.
/// </summary>
internal static class DispatchCacheLayout
{
    public const int Entries = 256;
    public const int ArrayDataOffset = 16;
    public const int CellShift = 4, IndexShift = 3;
}
