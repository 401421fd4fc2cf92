; The kernel's Limine requests, in the file-backed data of the image between the start and end
; markers (base revision 2 honours only requests between them). The values are those of
; LimineProtocol.cs; the order and sizes must match KernelRequests in BootRequests.cs.
bits 64

%define COMMON_MAGIC 0xc7b1dd30df4c8b88, 0x0a82e883a194f07b
; A request: the four id words, revision 0, and the response pointer the bootloader fills in.
%macro REQUEST 2
    dq COMMON_MAGIC, %1, %2
    dq 0            ; revision
    dq 0            ; response
%endmacro

section .limine_requests progbits alloc noexec write align=8
requests_start_marker:
    dq 0xf6b8f4b39de7d1ae, 0xfab91a6940fcb9cf, 0x785c6ed015d3e316, 0x181e920a7852b9d9

global LimineRequestBlock
LimineRequestBlock:
base_revision:
    dq 0xf9562b2d5c95a6c8, 0x6a7b384944536bdc, 2   ; the bootloader zeroes the last word if supported
bootloader_info_request: REQUEST 0xf55038d8e2a1202f, 0x279426fcf5f59740
hhdm_request:            REQUEST 0x48dcf1cb8ad2b852, 0x63984e959a98244b
memory_map_request:      REQUEST 0x67cf3d9d378a806f, 0xe304acdfc50c3c62
module_request:          REQUEST 0x3e7e279702be32af, 0xca1c4f3bd1280cee
kernel_file_request:     REQUEST 0xad97e90e83f1ed67, 0x31eb5d1c5ff23b69
kernel_address_request:  REQUEST 0x71ba76863cc55f63, 0xb2644a48c516a487
rsdp_request:            REQUEST 0xc5e77b6b397e7b43, 0x27637845accdcf3c
framebuffer_request:     REQUEST 0x9d5827dcd881dd75, 0xa3148604f6fab11b
smp_request:             REQUEST 0x95a67b819a1b857e, 0xa0b61b723b6a73e0
    dq 0            ; smp flags: no x2APIC

requests_end_marker:
    dq 0xadc0e0531bb10d03, 0x9572709f31764c62

section .text
; void* LimineRequestAddress(void): the address of LimineRequestBlock, so C# can read the responses.
global LimineRequestAddress
LimineRequestAddress:
    lea rax, [rel LimineRequestBlock]
    ret
