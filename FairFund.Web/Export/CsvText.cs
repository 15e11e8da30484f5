namespace FairFund.Web.Export;

/// <summary>Text fields of the CSV files FairFund writes.</summary>
public static class CsvText
{
    /// <summary>
    /// RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula
    /// (starting with <c>= + - @</c>, a tab or a carriage return), since what groups type ends up in these files.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
