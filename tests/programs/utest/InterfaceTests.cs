namespace Ocean.Tests.UserTests;

using System;

/// <summary>
/// Interface calls ilc cannot turn into direct calls (issue 19, step 8): several classes implement
/// each interface, so every call goes through a dispatch cell the runtime resolves against the
/// object's type: through a base class's implementation, an explicit implementation, a generic
/// interface over two type arguments, a boxed struct, and <c>using</c> on a class that is not sealed.
/// </summary>
public static partial class Program
{
    private interface IShape
    {
        int Area();
        int Corners { get; }
    }

    private interface IValue<T>
    {
        T Value();
    }

    private class Square(int side) : IShape, IValue<int>, IValue<string>
    {
        protected readonly int _side = side;

        public virtual int Area() => _side * _side;
        public int Corners => 4;
        int IValue<int>.Value() => _side;
        string IValue<string>.Value() => "square";
    }

    // Inherits IShape through Square and overrides one of its methods.
    private sealed class Cube(int side) : Square(side)
    {
        public override int Area() => 6 * _side * _side;
    }

    private sealed class Triangle(int width, int height) : IShape, IValue<int>
    {
        int IShape.Area() => width * height / 2;
        int IShape.Corners => 3;
        public int Value() => width + height;
    }

    private struct Dot(int x) : IShape
    {
        public readonly int Area() => 0;
        public readonly int Corners => x;
    }

    private class Resource : IDisposable
    {
        public static int Disposed;
        public virtual void Dispose() => Disposed++;
    }

    private sealed class CountedResource : Resource
    {
        public override void Dispose() => Disposed += 10;
    }

    private static void Interfaces()
    {
        IShape[] shapes = [new Square(3), new Cube(2), new Triangle(4, 5), new Dot(7)];
        int areas = 0, corners = 0;
        for (int round = 0; round < 3; round++)   // the second and third calls through each cell find it resolved
            for (int i = 0; i < shapes.Length; i++)
            {
                areas += shapes[i].Area();
                corners += shapes[i].Corners;
            }
        Check(areas == 3 * (9 + 24 + 10 + 0) && corners == 3 * (4 + 4 + 3 + 7),
            "interfaces: calls through an interface reach each class's method (a base class's, an override, an explicit one, a boxed struct's)");

        object[] values = [new Square(6), new Triangle(1, 2), new Cube(5)];
        int sum = 0;
        bool strings = true;
        for (int i = 0; i < values.Length; i++)
        {
            sum += ((IValue<int>)values[i]).Value();
            if (values[i] is IValue<string> named)
                strings &= named.Value() == "square";
        }
        Check(sum == 6 + 3 + 5 && strings && values[1] is not IValue<string>,
            "interfaces: one class implementing a generic interface over two type arguments answers each");

        Resource.Disposed = 0;
        Resource[] resources = [new Resource(), new CountedResource()];
        for (int i = 0; i < resources.Length; i++)
            using (IDisposable held = resources[i])
            {
            }
        Check(Resource.Disposed == 11, "interfaces: using disposes a class that is not sealed (through IDisposable)");
    }
}
