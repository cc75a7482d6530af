package server

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// benchMachine describes where the figures were measured: they mean little
// without it.
type benchMachine struct {
	CPUs      int    `json:"cpus"`
	CPU       string `json:"cpu"`
	MemoryMB  int    `json:"memory_mb"`
	Go        string `json:"go"`
	OS        string `json:"os"`
	LoadStart string `json:"load_at_start"` // the machine is shared: others' load counts
}

// thisBenchMachine reads the machine the process runs on.
func thisBenchMachine() benchMachine {
	return benchMachine{
		CPUs:      runtime.NumCPU(),
		CPU:       procField("/proc/cpuinfo", "model name", ":"),
		MemoryMB:  memTotalMB(),
		Go:        runtime.Version(),
		OS:        runtime.GOOS + "/" + runtime.GOARCH,
		LoadStart: loadAverage(),
	}
}

func (m benchMachine) String() string {
	return fmt.Sprintf("machine: %d CPUs (%s), %d MB, %s %s, load average at start %s",
		m.CPUs, m.CPU, m.MemoryMB, m.Go, m.OS, m.LoadStart)
}

// procField returns the value of the first line of a /proc file that starts
// with key, or "unknown".
func procField(path, key, sep string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, sep); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func memTotalMB() int {
	var kb int
	fmt.Sscanf(procField("/proc/meminfo", "MemTotal", ":"), "%d", &kb)
	return kb / 1024
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// processKB reads a memory line (VmRSS, VmHWM) of a process's
// /proc/PID/status, in kB; pid 0 is this process.
func processKB(pid int, field string) (int, error) {
	path := "/proc/self/status"
	if pid != 0 {
		path = fmt.Sprintf("/proc/%d/status", pid)
	}
	var kb int
	v := procField(path, field, ":")
	if _, err := fmt.Sscanf(v, "%d", &kb); err != nil {
		return 0, fmt.Errorf("read %s of %s: %q", field, path, v)
	}
	return kb, nil
}
