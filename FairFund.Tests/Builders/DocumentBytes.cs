using System.IO.Compression;
using System.Text;

namespace FairFund.Tests.Builders;

/// <summary>The bytes of small files of each kind, real enough that their first bytes are what those kinds' start with.</summary>
internal static class DocumentBytes
{
    public static byte[] Pdf(int size = 600)
    {
        var start = "%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"u8;
        var end = "\n%%EOF\n"u8;
        var bytes = new byte[Math.Max(size, start.Length + end.Length)];
        bytes.AsSpan().Fill((byte)' ');
        start.CopyTo(bytes);
        end.CopyTo(bytes.AsSpan(bytes.Length - end.Length));
        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>A zip with Office Open XML's first entry, as Word and Excel write them.</summary>
    public static byte[] OfficeOpenXml()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        }
        return stream.ToArray();
    }

    /// <summary>The start of an OpenDocument file: a zip whose first entry is the uncompressed "mimetype" naming its type.</summary>
    public static byte[] OpenDocument(string mediaType)
    {
        var name = "mimetype"u8.ToArray();
        var content = Encoding.ASCII.GetBytes(mediaType);
        var header = new byte[30];
        "PK\u0003\u0004"u8.CopyTo(header);
        header[4] = 20;
        BitConverter.TryWriteBytes(header.AsSpan(18, 4), content.Length);
        BitConverter.TryWriteBytes(header.AsSpan(22, 4), content.Length);
        BitConverter.TryWriteBytes(header.AsSpan(26, 2), (short)name.Length);
        return [.. header, .. name, .. content, .. "PK\u0003\u0004"u8];
    }

    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    /// <summary>The start of a Windows program.</summary>
    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[100]];
}
