# NEAR (within 10 words) and NEAR/n, in any order.
titles() { echo "== $1"; $SEARCHER --db "$DB" -n 50 "$1" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles 'runway NEAR crossing'
titles 'chemical NEAR/1 leak'
titles 'leak NEAR/1 chemical'
titles 'advisory NEAR/2 boil'
titles 'boil NEAR/1 advisory'
