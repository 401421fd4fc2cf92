namespace System.Runtime.CompilerServices;

/// <summary>
/// Views any object as its fields' raw bytes: ilc's unboxing thunks (an interface method of a struct
/// called on its box) find the struct through <see cref="Data"/>, the first byte after the MethodTable pointer.
/// </summary>
internal sealed class RawData
{
#pragma warning disable CS0649 // ilc reads it, never writes it
    public byte Data;
#pragma warning restore CS0649
}
