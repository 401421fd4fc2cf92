; long OceanSyscall(ulong number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4)
; SysV in (rdi, rsi, rdx, rcx, r8, r9) -> Ocean's syscall ABI: number in rax, arguments in
; rdi, rsi, rdx, r10, r8 (rcx and r11 are taken by SYSCALL itself). Result in rax (negative errno).
bits 64
section .text
global OceanSyscall
OceanSyscall:
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    mov rdx, rcx
    mov r10, r8
    mov r8, r9
    syscall
    ret
