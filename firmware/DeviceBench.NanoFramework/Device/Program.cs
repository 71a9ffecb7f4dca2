// Device glue for the ESP32 (nanoFramework). NOT built on this machine: its packages are not served here (see
// ../README.md). Written against the packages' published APIs; everything it decides is in ../Core, which is built
// and tested. Kept thin on purpose: HTTP in, heap readings and serial lines out, two pins.
using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.IO.Ports;
using System.Net;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;

namespace DeviceBench.NanoFramework.Device
{
    public static class Program
    {
        private const string FirmwareVersion = "0.1.0";
        private const int Port = 80;
        private const int ReportTxPin = 17;   // COM2 TX (wire to the host's USB-UART RX); COM1 carries the debugger's wire protocol
        private const int StatusPin = 2;      // the on-board LED of most ESP32 DevKits: solid while serving
        private const int AlarmPin = 4;       // high while the P99 budget is exceeded
        private const long P99BudgetMicros = 50_000;
        private const int ReportIntervalMillis = 1000;

        private static DeviceReporter s_reporter;
        private static SerialPort s_serial;

        public static void Main()
        {
            var started = Stopwatch.StartNew();
            Configuration.SetPinFunction(ReportTxPin, DeviceFunction.COM2_TX);
            // Protocol lines end in \n alone; nanoFramework's default NewLine has varied between releases.
            s_serial = new SerialPort("COM2") { BaudRate = 115200, NewLine = "\n" };
            s_serial.Open();

            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.All, out uint nativeTotal, out _, out _);
            s_reporter = new DeviceReporter(FirmwareVersion, "xtensa", 2, nativeTotal, Port, P99BudgetMicros);
            Send(s_reporter.BootLine());

            // Credentials live in the device's configuration block (written once with Visual Studio's Device Explorer,
            // "Network configuration"), never in this source, the repository or a log line.
            using (var joining = new CancellationTokenSource(60_000))
            {
                if (!WifiNetworkHelper.Reconnect(requiresDateTime: false, token: joining.Token)) Thread.Sleep(Timeout.Infinite);
            }

            var gpio = new GpioController();
            gpio.OpenPin(StatusPin, PinMode.Output);
            gpio.OpenPin(AlarmPin, PinMode.Output);

            var listener = new HttpListener("http", Port);
            listener.Start();
            Send(s_reporter.ReadyLine(started.ElapsedMilliseconds, ReadHeap()));
            gpio.Write(StatusPin, PinValue.High);

            new Thread(() =>
            {
                while (true)
                {
                    Thread.Sleep(ReportIntervalMillis);
                    foreach (string line in s_reporter.Tick(started.ElapsedMilliseconds, ReadHeap())) Send(line);
                    gpio.Write(AlarmPin, s_reporter.AlarmRaised ? PinValue.High : PinValue.Low);
                }
            }).Start();

            // HttpListener queues every connection's requests into one GetContext: handled one at a time, here. Its
            // keep-alive connections each hold a thread and a socket (16 on ESP32, 8 on ESP32-C3): the host's
            // microcontroller profile keeps its connections two below that.
            while (true)
            {
                HttpListenerContext context = listener.GetContext();
                long received = Stopwatch.GetTimestamp();
                Route route = Routes.Match(context.Request.RawUrl);
                byte[] body = Routes.Body(route);
                HttpListenerResponse response = context.Response;
                response.StatusCode = Routes.StatusCode(route);
                string type = Routes.ContentType(route);
                if (type != null) response.ContentType = type;
                response.ContentLength64 = body.Length;
                if (body.Length > 0) response.OutputStream.Write(body, 0, body.Length);
                response.Close();
                s_reporter.RequestServed((Stopwatch.GetTimestamp() - received) * 1_000_000 / Stopwatch.Frequency);
            }
        }

        /// <summary>Managed heap after a collection (GC.Run returns the free bytes) and the native heap left.</summary>
        private static HeapReading ReadHeap()
        {
            long free = nanoFramework.Runtime.Native.GC.Run(false);
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.All, out uint nativeTotal, out uint nativeFree, out _);
            // Managed heap size is not exposed; used = total managed heap (from the firmware build) minus free.
            return new HeapReading(ManagedHeapBytes - free, free, nativeFree);
        }

        /// <summary>nanoFramework's ESP32 build reserves this much managed heap (its CLR_RT_HEAP size; set per target).</summary>
        private const long ManagedHeapBytes = 128 * 1024;

        private static void Send(string line)
        {
            // Debug.WriteLine is compiled out of Release builds and goes to the debugger on COM1: report lines use COM2.
            s_serial.WriteLine(line);
        }
    }
}
