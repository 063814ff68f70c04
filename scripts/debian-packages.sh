# Sourced by start.sh and test.sh: make sure the Debian/Ubuntu packages named are installed.
# As root the missing ones are installed; otherwise the one `apt-get install` line that is
# needed is printed and the script stops (exit 1). Elsewhere than Debian it does nothing.

# ensure_debian_packages PACKAGE... ; python3-venv is judged by whether `python3 -m venv` can work
ensure_debian_packages() {
    command -v dpkg >/dev/null 2>&1 || return 0
    local missing=() package
    for package in "$@"; do
        if [ "$package" = python3-venv ]; then
            python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)
        elif ! dpkg -s "$package" >/dev/null 2>&1; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ]; then
        echo "กำลังติดตั้งแพ็กเกจที่ต้องใช้ / installing: ${missing[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
        return
    fi
    {
        echo "ยังขาดแพ็กเกจของระบบที่ต้องใช้ โปรดติดตั้งด้วยคำสั่งนี้แล้วเรียกอีกครั้ง"
        echo "Missing system packages; install them with this command, then run again:"
        echo "    sudo apt-get install -y ${missing[*]}"
    } >&2
    exit 1
}
