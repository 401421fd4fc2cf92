#nullable disable

namespace Ocean.Shared;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

/// <summary>Receives each case's name and result.</summary>
public interface IBaseLibraryReport
{
    void Report(string name, string result);
}

/// <summary>
/// Everyday C# over the base library (issue 19, step 8): strings, numbers, interpolation, collections,
/// StringBuilder. Compiled into utest (run on Ocean by <c>utest base</c>, which prints each result) and
/// into the system tests (run on .NET): every result Ocean prints must equal .NET's.
/// </summary>
public static class BaseLibraryCases
{
    // Delegates combined with += and taken apart with -=: each call goes to every method in order.
    private static string Multicast()
    {
        var log = new StringBuilder();
        Action<int> first = n => log.Append("a" + n);
        Action<int> second = n => log.Append("b" + n);
        Action<int> both = first;
        both += second;
        both += first;
        both(1);
        log.Append('|').Append(both.GetInvocationList().Length).Append('|');
        both -= first;   // the last one goes
        both(2);
        both -= second;
        both(3);
        both -= first;
        log.Append('|').Append(both is null);
        Func<int> one = () => 1, two = () => 2;
        Func<int> last = one + two;
        log.Append('|').Append(last()).Append((last - two)()).Append(((Func<int>)Delegate.Remove(last, one))());
        return log.ToString();
    }

    private sealed class Kettle
    {
        public event Action<string> Boiled;

        public void Boil() => Boiled?.Invoke("boiled");
    }

    // A field-like event: += and -= on it go through its accessors (a compare-exchange loop).
    private static string Events()
    {
        var log = new StringBuilder();
        var kettle = new Kettle();
        Action<string> tea = what => log.Append("tea:" + what + " ");
        Action<string> note = what => log.Append("note ");
        kettle.Boil();
        kettle.Boiled += tea;
        kettle.Boiled += note;
        kettle.Boil();
        kettle.Boiled -= tea;
        kettle.Boil();
        kettle.Boiled -= note;
        kettle.Boil();
        return log.Append("end").ToString();
    }

    // An iterator of its own: lazy, restartable, its finally run when a walk stops early.
    private static IEnumerable<int> Squares(int count, StringBuilder log)
    {
        try
        {
            for (int i = 1; i <= count; i++)
            {
                log.Append('.');
                yield return i * i;
            }
        }
        finally
        {
            log.Append("done");
        }
    }

    private static string Iterators()
    {
        var log = new StringBuilder();
        IEnumerable<int> squares = Squares(5, log);
        log.Append("made|");
        foreach (int square in squares)
        {
            log.Append(square);
            if (square > 8)
                break;
        }
        log.Append('|').Append(string.Join(",", squares)).Append('|');
        int vowels = 0;
        foreach (char c in "an ocean of sea")
            if ("aeiou".Contains(c))
                vowels++;
        return log.Append(vowels).ToString();
    }

    private sealed class Ship(string name, string port, int tons)
    {
        public string Name => name;

        public string Port => port;

        public int Tons => tons;
    }

    private static string Linq()
    {
        var ships = new List<Ship>
        {
            new("Aurora", "Oslo", 900), new("Bounty", "Hull", 215), new("Cutty", "Oslo", 963),
            new("Dawn", "Brest", 120), new("Echo", "Hull", 480),
        };
        int[] numbers = { 5, 3, 9, 1, 7, 3, 8 };
        string heavy = string.Join(",", ships.Where(s => s.Tons > 400).OrderByDescending(s => s.Tons).Select(s => s.Name));
        string ports = string.Join(";", ships.GroupBy(s => s.Port).Select(g => $"{g.Key}:{g.Count()}:{g.Sum(s => s.Tons)}"));
        string ordered = string.Join(",", ships.OrderBy(s => s.Port).ThenByDescending(s => s.Tons).Select(s => s.Name[0]));
        var byName = ships.ToDictionary(s => s.Name, s => s.Port);
        string joined = string.Join(",", numbers.Where(n => n < 4).Join(ships, n => n, s => s.Name.Length - 2, (n, s) => $"{n}{s.Name}"));
        string empty;
        try
        {
            empty = ships.Where(s => s.Tons > 10_000).First().Name;
        }
        catch (InvalidOperationException e)
        {
            empty = e.Message;
        }
        return $"{heavy}|{ports}|{ordered}|{byName["Dawn"]}|{numbers.Distinct().Count()} {numbers.Sum()} {numbers.Min()} {numbers.Max()} {(int)(numbers.Average() * 7)}|" +
            $"{string.Join(",", numbers.Skip(2).Take(3))} {numbers.Any(n => n > 8)} {numbers.All(n => n > 0)} {numbers.Contains(4)} {numbers.Last()} " +
            $"{string.Join(",", numbers.Select((n, i) => n * i).Reverse())} {numbers.Aggregate((a, b) => a * 10 + b)} {string.Join(",", Enumerable.Range(1, 4).SelectMany(n => Enumerable.Repeat(n, n % 3)))}|" +
            $"{joined}|{empty}|{string.Join("", "sea".Select(char.ToUpper))}|{ships.MaxBy(s => s.Tons).Name} {string.Join(",", numbers.Order().Chunk(3).Select(c => c.Sum()))}";
    }

    // Floating point as text both ways, in the invariant culture's rules .NET programs see by default
    // on Ocean (the system test runs .NET with the invariant culture too).
    private static string FloatingPoint()
    {
        double third = 1.0 / 3, big = 6.02214076e23, tiny = -1.6e-19;
        float single = 0.1f;
        var parsed = new List<string>();
        foreach (string text in new[] { "3.25", " -1,234.5e-2 ", "1e400", "NaN", "0x10", ".5", "-0" })
            parsed.Add(double.TryParse(text, out double value) ? value.ToString("R") : "no");
        return $"{third} {big} {tiny} {single} {(double)single} {0.1 + 0.2} {-0.0} {double.NaN} {1 / 0.0} {double.MaxValue} {double.Epsilon}|" +
            $"{third:F3} {big:E2} {1234.5678:N1} {0.256:P0} {2.5:F0} {3.5:F0} {third:G4} {100.0} {1e16} {1e17}|" +
            string.Join(" ", parsed) + $"|{float.Parse("3.4028235e38")} {double.Parse("2.5") * 2}|" +
            $"{Math.Sqrt(2)} {Math.Floor(-2.5)} {Math.Ceiling(2.1)} {Math.Round(2.5)} {Math.Round(-3.5)} {Math.Truncate(-7.9)} {Math.Abs(-4.25)} {Math.Max(1.5, double.NaN)} {Math.PI:F5}|" +
            $"{1.5.CompareTo(2.0)} {double.NaN.Equals(double.NaN)} {(0.0).GetHashCode() == (-0.0).GetHashCode()} {double.IsNegative(-0.0)} {new List<double> { 2.5, -1, 0.5 }.Max()} {new[] { 1.0, 2.0, 4.0 }.Average()}";
    }

    // An exception thrown 500 calls down (a quarter of the stack), through a finally block in every frame, caught at the top:
    // every finally runs once, innermost first, and the stack is whole again after.
    private static int _finallies;

    private static int Descend(int depth, StringBuilder log)
    {
        try
        {
            if (depth == 0)
                throw new InvalidOperationException("bottom");
            return Descend(depth - 1, log) + 1;
        }
        finally
        {
            if (_finallies++ % 125 == 0)
                log.Append(depth).Append(',');
        }
    }

    private static string DeepException()
    {
        var log = new StringBuilder();
        _finallies = 0;
        try
        {
            Descend(500, log);
        }
        catch (InvalidOperationException e)
        {
            log.Append(e.Message).Append(' ').Append(_finallies);
        }
        try
        {
            Descend(10, new StringBuilder());   // the same again, shallow: the stack is whole
        }
        catch (InvalidOperationException)
        {
            log.Append(" again ").Append(_finallies);
        }
        return log.ToString();
    }

    public static void Run(IBaseLibraryReport report)
    {
        report.Report("deep-exception", DeepException());
        report.Report("floating-point", FloatingPoint());
        report.Report("iterators", Iterators());
        report.Report("linq", Linq());
        report.Report("split", string.Join("|", "a,,b,".Split(',')));
        report.Report("split-options", string.Join("|", " a , b ,, c ".Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        report.Report("split-string", string.Join("|", "one--two----three".Split("--")));
        report.Report("split-any", string.Join("|", "a b\tc  d".Split(' ', '\t')));
        report.Report("split-any-options", string.Join("|", "  vfs P@1\t/p.elf\r".Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries)));
        (int count, string name) tuple = (3, "sea");
        (long x, long y, long z) = (1, 2, 3);
        report.Report("tuples", $"{tuple} {tuple.count} {tuple.name} {(x, y, z)} {tuple.Equals((3, "sea"))} {tuple == (3, "sky")} {(1, 2).GetHashCode() == (1, 2).GetHashCode()}");
        report.Report("multicast", Multicast());
        report.Report("events", Events());
        report.Report("array-index-of", $"{Array.IndexOf(new long[] { 4, 8, 15, 8 }, 8L)} {Array.IndexOf(new[] { "a", null, "b" }, "b")} {Array.IndexOf(new[] { 1, 2 }, 3)}");
        report.Report("replace", "the sea and the sky".Replace("the", "a") + "|" + "banana".Replace('a', 'o') + "|" + "aaa".Replace("a", null));
        report.Report("trim", "[" + "  x y \t".Trim() + "][" + "xxhixx".Trim('x') + "][" + "  a".TrimStart() + "][" + "b  ".TrimEnd() + "]");
        report.Report("search", $"{"hello".IndexOf('l')} {"hello".LastIndexOf('l')} {"hello".IndexOf("lo")} {"hello".IndexOf("")} {"hello".LastIndexOf("z")} {"hello".IndexOf('l', 3)}");
        report.Report("tests", $"{"Ocean".StartsWith("Oc")} {"Ocean".EndsWith('n')} {"Ocean".Contains("cea")} {string.IsNullOrEmpty("")} {string.IsNullOrWhiteSpace(" \t")}");
        report.Report("case", "Ocean OS 1".ToUpper() + " " + "Ocean OS 1".ToLowerInvariant());
        report.Report("pad", "7".PadLeft(3, '0') + "|" + "ab".PadRight(4) + "|" + "long".PadLeft(2));
        report.Report("parts", "Ocean".Substring(1, 3) + "|" + "Ocean".Substring(5) + "|" + "Ocean".Insert(2, "--") + "|" + "Ocean".Remove(1, 2) + "|" + new string('=', 5) + "|" + new string(new[] { 'o', 'k' }));
        report.Report("compare", $"{Math.Sign(string.CompareOrdinal("a", "b"))} {Math.Sign("b".CompareTo("a"))} {string.CompareOrdinal("same", "same")} {"x" == "x"} {"x".Equals("y")}");
        report.Report("numbers", $"{int.Parse(" 42 ")} {long.MinValue} {ulong.MaxValue} {-17} {byte.MaxValue} {short.MinValue} {uint.Parse("+4000000000")}");
        report.Report("tryparse", $"{int.TryParse("2147483648", out int tooBig)} {tooBig} {int.TryParse("-2147483648", out int smallest)} {smallest} {byte.TryParse("256", out _)} {long.TryParse("x1", out _)}");
        report.Report("bool-char", $"{true} {false} {char.IsDigit('7')} {char.IsLetter('_')} {char.ToUpper('q')} {'z'}");
        report.Report("interpolation", $"{3} apples and {"pears"} at {-2}{'c'}{true}|{42,5}|{"ab",-4}|");
        int one = 1;
        long two = 2;
        report.Report("concat", "a" + one + 'b' + two + null + true + "c");
        report.Report("format", $"{255:X} {255:x4} {-1:X} {(short)-1:X} {(byte)7:D3} {-42:D5} {1234567:N0} {-1234:N2} {42:G} {7,4}|{3,-3}|{0xBEEF,8:X}|" +
            string.Format("{0} and {1,4} and {2:X2} {{braces}} {0}", "one", 2, 171));
        string badFormat;
        try
        {
            badFormat = string.Format("{1}", "only one");
        }
        catch (FormatException)
        {
            badFormat = "format error";
        }
        report.Report("format-error", badFormat);
        int? some = 5, none = null;
        object boxedSome = some, boxedNone = none, boxedByte = (byte?)200, boxedLong = 7L;
        int? back = (int?)boxedSome;
        byte? small = (byte?)boxedByte;
        long? wide = boxedLong as long?;
        report.Report("nullable", $"{some} [{none}] {boxedSome} {boxedNone == null} {back.Value} {small} {wide} {none.GetValueOrDefault(9)} {some.HasValue} {none.HasValue} {boxedSome is int five && five == 5} {boxedLong is int} {boxedSome as long?}|");
        report.Report("equality", $"{1.Equals(1)} {5.GetHashCode()} {'a'.CompareTo('b') < 0} {7L.Equals((object)7L)} {3.Equals((object)3L)}");

        var numbers = new List<int> { 5, 3, 9, 1 };
        numbers.Add(7);
        numbers.Insert(0, 8);
        numbers.Remove(9);
        numbers.Sort();
        int sum = 0;
        foreach (int n in numbers)
            sum += n;
        report.Report("list", $"{string.Join(",", numbers)} count {numbers.Count} sum {sum} index {numbers.IndexOf(7)} {numbers.Contains(9)}");
        report.Report("enumerable", $"{Sum(numbers)} {Sum(new HashSet<int> { 1, 2, 2, 3 })} {Sum(new Queue<int>(numbers))}");

        var counts = new Dictionary<string, int>();
        foreach (string word in "the sea the sky the sea and the land".Split(' '))
            counts[word] = counts.TryGetValue(word, out int seen) ? seen + 1 : 1;
        counts.Remove("sky");
        counts["air"] = 0;
        var pairs = new List<string>();
        foreach (KeyValuePair<string, int> pair in counts)
            pairs.Add(pair.Key + "=" + pair.Value);
        report.Report("dictionary", string.Join(",", pairs) + $" keys {string.Join("+", counts.Keys)} {counts.ContainsKey("sea")} {counts.Count}");
        string missing;
        try
        {
            missing = counts["moon"].ToString();
        }
        catch (KeyNotFoundException)
        {
            missing = "not found";
        }
        report.Report("missing-key", missing);

        var set = new HashSet<string> { "b", "a", "c" };
        set.Remove("a");
        set.Add("d");
        set.Add("b");
        report.Report("hashset", string.Join(",", set) + $" {set.Contains("a")} {set.Count}");

        var queue = new Queue<int>();
        var stack = new Stack<int>();
        for (int i = 1; i <= 5; i++)
        {
            queue.Enqueue(i);
            stack.Push(i * 10);
        }
        report.Report("queue-stack", $"{queue.Dequeue()} {queue.Peek()} {string.Join(",", queue)} {stack.Pop()} {stack.Peek()} {string.Join(",", stack)}");

        var text = new StringBuilder();
        text.Append("Ocean").Append(' ').Append(42).Append(',').Append(-7L).Append(true).AppendLine();
        text.Insert(0, ">> ").Replace('O', '0').Append('!', 3);
        text.Remove(1, 1);
        report.Report("stringbuilder", text.ToString().Replace("\n", "\\n") + $" {text.Length}");

        const string path = "/tmp/ocean-base-library.txt";
        File.Delete(path);
        bool before = File.Exists(path);
        File.WriteAllText(path, "one\ntwo\r\n");
        File.AppendAllText(path, "three");
        string[] read = File.ReadAllLines(path);
        string whole = File.ReadAllText(path).Replace("\r", "<cr>").Replace("\n", "<lf>");
        File.WriteAllLines(path, new List<string> { "x", "y" });
        string again = File.ReadAllText(path).Replace("\n", "|");
        File.Delete(path);
        string missing2;
        try
        {
            missing2 = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            missing2 = "no file";
        }
        report.Report("files", $"{before} {read.Length} {string.Join("+", read)} {whole} {again} {File.Exists(path)} {missing2} {Environment.NewLine == "\n"}");

        int offset = 10;
        Func<int, int> addOffset = n => n + offset;   // a closure: sees the local as it is when called
        offset = 20;
        Func<int, int, int> multiply = (a, b) => a * b;   // no capture
        Func<string, int> length = Length;                // a static method group
        var greeter = new Greeter("Hi");
        Func<string, string> greet = greeter.Greet;       // an instance method group
        Action<string> record = pairs.Add;                 // an instance method of a library class
        record("extra");
        IShapeLike[] shapes = [new SquareLike(3), new OtherShape()];
        IShapeLike shape = shapes[0];
        Func<int> area = shape.Area;                       // an interface method group
        int calls = 0;
        Action count = () => calls++;
        count();
        count();
        var sorted = new List<string> { "ccc", "a", "bb", "dddd" };
        sorted.Sort((x, y) => y.Length - x.Length);
        var evens = numbers.FindAll(n => n % 2 == 0);
        int removed = numbers.RemoveAll(n => n > 6);
        var doubled = numbers.ConvertAll(n => n * 2);
        int total = 0;
        doubled.ForEach(n => total += n);
        report.Report("delegates", $"{addOffset(1)} {multiply(6, 7)} {length("four")} {greet("Ocean")} {pairs[pairs.Count - 1]} {area()} {calls} " +
            $"{string.Join(",", sorted)} {string.Join(",", evens)} {removed} {string.Join(",", doubled)} {total} {numbers.Exists(n => n == 5)} " +
            $"{numbers.TrueForAll(n => n < 7)} {numbers.Find(n => n > 3)} {numbers.FindIndex(n => n == 3)} {Apply(x => x * x, 9)}");

        string caught;
        try
        {
            caught = numbers[99].ToString();
        }
        catch (ArgumentOutOfRangeException)
        {
            caught = "out of range";
        }
        report.Report("list-range", caught);
        string range;
        try
        {
            range = "hello".Substring(3, 5);
        }
        catch (ArgumentOutOfRangeException)
        {
            range = "out of range";
        }
        report.Report("substring-range", range + "|" + "hello".Substring(5) + "|" + "hello".Substring(0, 0) + "|" + "x".Trim().Length);
    }

    private static int Length(string text) => text.Length;

    private static int Apply(Func<int, int> function, int value) => function(value);

    private interface IShapeLike
    {
        int Area();
    }

    private sealed class SquareLike(int side) : IShapeLike
    {
        public int Area() => side * side;
    }

    private sealed class OtherShape : IShapeLike
    {
        public int Area() => 0;
    }

    private sealed class Greeter(string greeting)
    {
        public string Greet(string name) => greeting + ", " + name;
    }

    // Through the interface, whatever the collection.
    private static int Sum(IEnumerable<int> values)
    {
        int sum = 0;
        foreach (int value in values)
            sum += value;
        return sum;
    }
}
