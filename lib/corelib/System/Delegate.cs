namespace System;

using System.Runtime;
using Internal.Runtime;

/// <summary>
/// A method with what it is called on: lambdas, method groups, Func and Action. ilc compiles every
/// delegate type's Invoke as a call of <see cref="_functionPointer"/> with
/// <see cref="_firstParameter"/> as its first argument, and creating a delegate as a call of one of
/// the Initialize methods below (by name). A delegate to an instance method holds the instance and
/// the method; one to a static method holds itself and a thunk of ilc's that drops it from the
/// arguments and calls the method kept in <see cref="_extraFunctionPointerOrData"/>. A combined
/// delegate (<c>+=</c>, <see cref="Combine"/>) holds itself, its invocation list in
/// <see cref="_helperObject"/> and the list's length in <see cref="_extraFunctionPointerOrData"/>,
/// and calls ilc's multicast thunk, which invokes each in turn and returns the last one's result.
/// </summary>
public abstract unsafe class Delegate
{
    // On x64 a "fat" function pointer (a shared generic method with its instantiation) has this bit set.
    private const nint FatFunctionPointerBit = 2;

#pragma warning disable CS0649 // ilc's generated code reads and writes them
    internal object _firstParameter;
    internal object _helperObject;
    internal nint _extraFunctionPointerOrData;
    internal nint _functionPointer;
#pragma warning restore CS0649

    private void InitializeClosedInstance(object firstParameter, nint functionPointer)
    {
        if (firstParameter is null)
            throw new ArgumentException("a delegate to an instance method needs an instance");
        _functionPointer = functionPointer;
        _firstParameter = firstParameter;
    }

    private void InitializeClosedInstanceWithoutNullCheck(object firstParameter, nint functionPointer)
    {
        _functionPointer = functionPointer;
        _firstParameter = firstParameter;
    }

    // A delegate to a generic method shared between instantiations would need an unwrapping thunk.
    private void InitializeClosedInstanceSlow(object firstParameter, nint functionPointer)
    {
        if ((functionPointer & FatFunctionPointerBit) != 0)
            RuntimeImports.FatalError("a delegate to a shared generic method is not supported");
        InitializeClosedInstance(firstParameter, functionPointer);
    }

    // A delegate to an interface method: resolved once, against the instance's type, when it is made.
    private unsafe void InitializeClosedInstanceToInterface(object firstParameter, nint dispatchCell)
    {
        if (firstParameter is null)
            throw new ArgumentException("a delegate to an instance method needs an instance");
        _functionPointer = (nint)InterfaceDispatch.Resolve(firstParameter.m_pEEType, (void*)dispatchCell);
        _firstParameter = firstParameter;
    }

    private void InitializeClosedStaticThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
    {
        _extraFunctionPointerOrData = functionPointer;
        _helperObject = firstParameter;
        _functionPointer = functionPointerThunk;
        _firstParameter = this;
    }

    private void InitializeOpenStaticThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
    {
        _firstParameter = this;
        _functionPointer = functionPointerThunk;
        _extraFunctionPointerOrData = functionPointer;
    }

    // ilc gives every delegate type an override: the address of its thunk of each kind.
    private const int MulticastThunk = 0;

    protected virtual nint GetThunk(int whichThunk) => 0;

    /// <summary>An entry of a combined delegate's invocation list (ilc's multicast thunk reads <see cref="Value"/>).</summary>
    internal struct Wrapper
    {
        public Delegate Value;
    }

    private bool IsCombined => _functionPointer != 0 && _firstParameter == this && _helperObject is Wrapper[] && _functionPointer == GetThunk(MulticastThunk);

    private int InvocationCount => IsCombined ? (int)_extraFunctionPointerOrData : 1;

    private Delegate InvocationAt(int index) => IsCombined ? ((Wrapper[])_helperObject)[index].Value : this;

    /// <summary>A delegate that calls <paramref name="a"/>'s methods, then <paramref name="b"/>'s (what <c>a + b</c> and <c>+=</c> compile to).</summary>
    public static Delegate Combine(Delegate a, Delegate b)
    {
        if (a is null)
            return b;
        if (b is null)
            return a;
        if (a.m_pEEType != b.m_pEEType)
            throw new ArgumentException("delegates of different types cannot be combined");
        int countA = a.InvocationCount, countB = b.InvocationCount;
        var list = new Wrapper[countA + countB];
        for (int i = 0; i < countA; i++)
            list[i].Value = a.InvocationAt(i);
        for (int i = 0; i < countB; i++)
            list[countA + i].Value = b.InvocationAt(i);
        return a.WithList(list, list.Length);
    }

    /// <summary>
    /// <paramref name="source"/> without the last occurrence of <paramref name="value"/>'s methods, in
    /// a row (what <c>-=</c> compiles to): itself when they are not there, null when nothing is left.
    /// </summary>
    public static Delegate Remove(Delegate source, Delegate value)
    {
        if (source is null || value is null)
            return source;
        int count = source.InvocationCount, removed = value.InvocationCount;
        for (int start = count - removed; start >= 0; start--)
        {
            bool match = true;
            for (int i = 0; i < removed && match; i++)
                match = source.InvocationAt(start + i).SameMethod(value.InvocationAt(i));
            if (!match)
                continue;
            if (removed == count)
                return null;
            var list = new Wrapper[count - removed];
            for (int i = 0, to = 0; i < count; i++)
                if (i < start || i >= start + removed)
                    list[to++].Value = source.InvocationAt(i);
            return source.WithList(list, list.Length);
        }
        return source;
    }

    // A single delegate's target and method, as Remove matches them.
    private bool SameMethod(Delegate other) =>
        m_pEEType == other.m_pEEType && _functionPointer == other._functionPointer &&
        _extraFunctionPointerOrData == other._extraFunctionPointerOrData && _helperObject == other._helperObject &&
        (_firstParameter == other._firstParameter || (_firstParameter == this && other._firstParameter == other));

    // A delegate of this one's type over the list (the one delegate itself when the list has one).
    private Delegate WithList(Wrapper[] list, int count)
    {
        if (count == 1)
            return list[0].Value;
        var combined = (Delegate)Internal.Runtime.CompilerHelpers.StartupCodeHelpers.NewObject(m_pEEType);
        combined._helperObject = list;
        combined._extraFunctionPointerOrData = count;
        combined._firstParameter = combined;
        combined._functionPointer = GetThunk(MulticastThunk);
        return combined;
    }

    /// <summary>The delegates a combined one calls, in order (itself alone when it is not combined).</summary>
    public Delegate[] GetInvocationList()
    {
        var list = new Delegate[InvocationCount];
        for (int i = 0; i < list.Length; i++)
            list[i] = InvocationAt(i);
        return list;
    }
}

public abstract class MulticastDelegate : Delegate
{
}
