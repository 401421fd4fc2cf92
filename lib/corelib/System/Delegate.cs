namespace System;

using System.Runtime;
using Internal.Runtime;

/// <summary>
/// A method with what it is called on: lambdas, method groups, Func and Action. ilc compiles every
/// delegate type's Invoke as a call of <see cref="_functionPointer"/> with
/// <see cref="_firstParameter"/> as its first argument, and creating a delegate as a call of one of
/// the Initialize methods below (by name). A delegate to an instance method holds the instance and
/// the method; one to a static method holds itself and a thunk of ilc's that drops it from the
/// arguments and calls the method kept in <see cref="_extraFunctionPointerOrData"/>. Combining
/// delegates (<c>+=</c>) is not supported yet.
/// </summary>
public abstract class Delegate
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
}

public abstract class MulticastDelegate : Delegate
{
}
